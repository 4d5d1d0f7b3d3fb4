import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { anchorDigest, canonicalJson, type Anchor, type AnchorBody } from '../domain/auditChain.ts';
import { buckets } from '../buckets.ts';
import { macMatches, macOf } from './auditMac.ts';
import { bucketName, s3 } from './s3.ts';

/*
 * Anchors live in a bucket of their own, where only the anchoring job's role may write (every other role's
 * grants stop at its own bucket or prefix) and, in prod, under Object Lock, so a written anchor cannot be
 * overwritten or deleted before its retention ends. Keys sort by time: `anchors/{year}/{at}.json`.
 */
const BUCKET = bucketName('anchors');
const prefixOf = (year: number) => `${buckets.anchors.keyPrefix}${year}/`;

export const anchorKey = (year: number, at: string) => `${prefixOf(year)}${at}.json`;

/** MACs the body and writes it; the caller is the anchoring job. */
export async function writeAnchor(body: AnchorBody): Promise<Anchor> {
  const anchor: Anchor = { ...body, mac: await macOf(anchorDigest(body)) };
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: anchorKey(body.year, body.at),
      Body: canonicalJson(anchor),
      ContentType: 'application/json',
    }),
  );
  return anchor;
}

export class ForgedAnchorError extends Error {}

/**
 * The year's newest anchor, its MAC checked; undefined when the year has none yet. An anchor whose MAC does
 * not match is not trusted: it throws, since someone wrote where only the anchoring job may.
 */
export async function latestAnchor(year: number): Promise<Anchor | undefined> {
  let last: string | undefined;
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefixOf(year), ContinuationToken }),
    );
    for (const o of page.Contents ?? []) if (o.Key && (!last || o.Key > last)) last = o.Key;
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  if (!last) return undefined;
  const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: last }));
  const anchor = JSON.parse(
    await (res.Body as { transformToString(): Promise<string> }).transformToString(),
  ) as Anchor;
  const { mac, ...body } = anchor;
  if (typeof mac !== 'string' || !(await macMatches(anchorDigest(body), mac))) {
    throw new ForgedAnchorError(`The anchor ${last} does not carry a valid MAC.`);
  }
  return anchor;
}
