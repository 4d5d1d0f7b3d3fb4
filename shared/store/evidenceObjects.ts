import { createHash } from 'node:crypto';
import { scanPdfSignature } from '../domain/pdfSignature.ts';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { UploadTicket as WireUploadTicket } from '../contract/wire.ts';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  attachmentDisposition,
  downloadName,
  zipPartsOf,
  type EvidenceItem,
  type StoredObjectFacts,
} from '../domain/evidence.ts';
import type { EvidenceContentType } from '../contract/evidence.ts';
import { readZipParts } from '../domain/zipParts.ts';
import { bucketName, s3 } from './s3.ts';
import { EVIDENCE_PART_BYTES, LINK_SECONDS } from '../contract/evidence.ts';

const BUCKET = bucketName('evidence');
const SNIFF_BYTES = 64 * 1024;

export type UploadTicket = WireUploadTicket;

const signing = (now: Date, headers: string[]) => ({
  expiresIn: LINK_SECONDS,
  signingDate: now,
  signableHeaders: new Set(headers),
  // Kept as a signed header rather than a query parameter, so the client must send the declared digest.
  unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
});
const expiry = (now: Date) => new Date(now.getTime() + LINK_SECONDS * 1000).toISOString();

/** How to send a declared file's bytes: one PUT, or the parts of its multipart upload not stored yet. */
export async function presignUpload(
  item: EvidenceItem,
  now: Date,
  done: readonly number[] = [],
): Promise<UploadTicket> {
  if (item.uploadId && item.parts) {
    const { uploadId, parts } = item;
    const sizeOf = (i: number) => Math.min(EVIDENCE_PART_BYTES, item.size - i * EVIDENCE_PART_BYTES);
    const todo = parts.map((sha256, i) => ({ sha256, partNumber: i + 1, size: sizeOf(i) }));
    return {
      method: 'MULTIPART',
      uploadId,
      partBytes: EVIDENCE_PART_BYTES,
      parts: await Promise.all(
        todo
          .filter((p) => !done.includes(p.partNumber))
          .map(async (p) => ({
            partNumber: p.partNumber,
            url: await getSignedUrl(
              s3,
              new UploadPartCommand({
                Bucket: BUCKET,
                Key: item.objectKey,
                UploadId: uploadId,
                PartNumber: p.partNumber,
                ContentLength: p.size,
                ChecksumSHA256: p.sha256,
              }),
              signing(now, ['content-length']),
            ),
            headers: { 'x-amz-checksum-sha256': p.sha256 },
          })),
      ),
      done: [...done],
      expiresAt: expiry(now),
    };
  }
  const command = new PutObjectCommand({
    Bucket: BUCKET,
    Key: item.objectKey,
    ContentType: item.contentType,
    ContentLength: item.size,
    ChecksumSHA256: item.sha256,
  });
  return {
    url: await getSignedUrl(s3, command, signing(now, ['content-type', 'content-length'])),
    method: 'PUT',
    headers: {
      'content-type': item.contentType,
      'x-amz-checksum-sha256': item.sha256,
    },
    expiresAt: expiry(now),
  };
}

/** Starts the multipart upload a large declared file goes up in; each part will carry its own SHA-256. */
export async function startMultipart(item: EvidenceItem): Promise<string> {
  const { UploadId } = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket: BUCKET,
      Key: item.objectKey,
      ContentType: item.contentType,
      ChecksumAlgorithm: 'SHA256',
    }),
  );
  if (!UploadId) throw new Error('Storage started a multipart upload without an id.');
  return UploadId;
}

/**
 * The parts storage holds with the checksum the declaration gave them, or undefined when the upload no longer
 * exists (completed, or aborted by the bucket's lifecycle rule).
 */
export async function storedParts(
  item: EvidenceItem,
): Promise<{ partNumber: number; etag: string; sha256: string }[] | undefined> {
  const out: { partNumber: number; etag: string; sha256: string }[] = [];
  let marker: string | undefined;
  try {
    do {
      const page = await s3.send(
        new ListPartsCommand({
          Bucket: BUCKET,
          Key: item.objectKey,
          UploadId: item.uploadId,
          ...(marker ? { PartNumberMarker: marker } : {}),
        }),
      );
      for (const p of page.Parts ?? []) {
        const declared = item.parts?.[(p.PartNumber ?? 0) - 1];
        if (p.PartNumber && p.ETag && declared && p.ChecksumSHA256 === declared)
          out.push({ partNumber: p.PartNumber, etag: p.ETag, sha256: declared });
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchUpload') return undefined;
    throw error;
  }
  return out;
}

/**
 * Joins a multipart upload once every part is stored: answers whether the object now exists (true also when
 * it was joined before). A part still missing leaves the upload as it is, to be resumed.
 */
export async function completeMultipart(item: EvidenceItem): Promise<boolean> {
  const parts = await storedParts(item);
  if (!parts) return true;
  if (parts.length !== item.parts?.length) return false;
  try {
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: item.objectKey,
        UploadId: item.uploadId,
        MultipartUpload: {
          Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, ChecksumSHA256: p.sha256 })),
        },
      }),
    );
  } catch (error) {
    // Joined meanwhile by the other caller (the route and a retry of it).
    if ((error as { name?: string }).name !== 'NoSuchUpload') throw error;
  }
  return true;
}

/**
 * A short-lived link to the verified bytes. `attachment` saves them under their download name; `inline` is for
 * the page's sandboxed view of a previewable type, served as the type the server verified.
 */
export async function presignDownload(
  item: EvidenceItem,
  now: Date,
  disposition: 'attachment' | 'inline' = 'attachment',
): Promise<{ url: string; expiresAt: string }> {
  const command = new GetObjectCommand({
    Bucket: BUCKET,
    Key: item.objectKey,
    // The verified bytes exactly: a later version under the same key is never what an auditor gets.
    ...(item.versionId ? { VersionId: item.versionId } : {}),
    ResponseContentDisposition:
      disposition === 'inline' ? 'inline' : attachmentDisposition(downloadName(item)),
    ResponseContentType: item.contentType,
  });
  const url = await getSignedUrl(s3, command, { expiresIn: LINK_SECONDS, signingDate: now });
  return { url, expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString() };
}

export interface StoredObject extends StoredObjectFacts {
  readonly versionId?: string;
}

/** Bytes [start, end) of the object as it was read first (If-Match on its ETag), by a ranged GET. */
function rangeOf(key: string, etag: string | undefined) {
  return async (start: number, end: number): Promise<Readable> => {
    const res = await s3.send(
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Range: `bytes=${start}-${end - 1}`,
        ...(etag ? { IfMatch: etag } : {}),
      }),
    );
    return res.Body as Readable;
  };
}

/**
 * Streams the stored object once: its real size, SHA-256, and the first and last bytes for the framing check.
 * For a ZIP-based type whose digest matches, the central directory and the required parts are then read from
 * the kept tail or by ranged GETs, so memory stays bounded whatever the file's size.
 */
export async function inspectStored(
  key: string,
  declared: { contentType: EvidenceContentType; sha256: string },
): Promise<StoredObject | undefined> {
  let res;
  try {
    res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
    throw error;
  }
  const hash = createHash('sha256');
  const signature = declared.contentType === 'application/pdf' ? scanPdfSignature() : undefined;
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let tail = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of res.Body as AsyncIterable<Uint8Array>) {
    const buf = Buffer.from(chunk);
    hash.update(buf);
    signature?.push(buf);
    size += buf.length;
    if (headSize < SNIFF_BYTES) {
      headChunks.push(buf.subarray(0, SNIFF_BYTES - headSize));
      headSize += Math.min(buf.length, SNIFF_BYTES - headSize);
    }
    tail = Buffer.concat([tail, buf]);
    if (tail.length > SNIFF_BYTES) tail = tail.subarray(tail.length - SNIFF_BYTES);
  }
  const head = Buffer.concat(headChunks);
  const sha256 = hash.digest('base64');
  const parts = zipPartsOf(declared.contentType);
  let zip: StoredObjectFacts['zip'];
  if (parts && sha256 === declared.sha256) {
    const remote = rangeOf(key, res.ETag);
    const tailStart = size - tail.length;
    zip = await readZipParts(
      (start, end) => {
        if (end <= head.length) return Readable.from([head.subarray(start, end)]);
        if (start >= tailStart) return Readable.from([tail.subarray(start - tailStart, end - tailStart)]);
        return remote(start, end);
      },
      size,
      parts,
    );
  }
  return {
    size,
    ...(res.VersionId ? { versionId: res.VersionId } : {}),
    sha256,
    head,
    tail,
    ...(zip ? { zip } : {}),
    ...(signature ? { signed: signature.signed } : {}),
  };
}

/**
 * Hides a rejected upload. No version is named, so in the versioned (and, in prod, locked) bucket this only
 * adds a delete marker: no function can remove stored bytes, and the lifecycle clears them after retention.
 */
export async function hideStored(key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
}
