import { createHash } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { attachmentDisposition, type EvidenceItem } from '../domain/evidence.ts';
import { bucketName, s3 } from './s3.ts';
import { LINK_SECONDS } from '../contract/evidence.ts';

const BUCKET = bucketName('evidence');
const SNIFF_BYTES = 64 * 1024;

export interface UploadTicket {
  readonly url: string;
  readonly method: 'PUT';
  /** Exactly these headers must be sent; the signature covers them (and the Content-Length the client sends). */
  readonly headers: Record<string, string>;
  readonly expiresAt: string;
}

export async function presignUpload(item: EvidenceItem, now: Date): Promise<UploadTicket> {
  const command = new PutObjectCommand({
    Bucket: BUCKET,
    Key: item.objectKey,
    ContentType: item.contentType,
    ContentLength: item.size,
    ChecksumSHA256: item.sha256,
  });
  const url = await getSignedUrl(s3, command, {
    expiresIn: LINK_SECONDS,
    signingDate: now,
    signableHeaders: new Set(['content-type', 'content-length']),
    // Kept as a signed header rather than a query parameter, so the client must send the declared digest.
    unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
  });
  return {
    url,
    method: 'PUT',
    headers: {
      'content-type': item.contentType,
      'x-amz-checksum-sha256': item.sha256,
    },
    expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString(),
  };
}

export async function presignDownload(
  item: EvidenceItem,
  now: Date,
): Promise<{ url: string; expiresAt: string }> {
  const command = new GetObjectCommand({
    Bucket: BUCKET,
    Key: item.objectKey,
    ResponseContentDisposition: attachmentDisposition(item.fileName),
    ResponseContentType: item.contentType,
  });
  const url = await getSignedUrl(s3, command, { expiresIn: LINK_SECONDS, signingDate: now });
  return { url, expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString() };
}

export interface StoredObject {
  readonly size: number;
  readonly versionId?: string;
  /** Base64, as declared by the client. */
  readonly sha256: string;
  readonly head: Uint8Array;
  readonly tail: Uint8Array;
}

/** Streams the stored object once: its real size, SHA-256, and the first and last bytes for type sniffing. */
export async function inspectStored(key: string): Promise<StoredObject | undefined> {
  let res;
  try {
    res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
    throw error;
  }
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let tail = Buffer.alloc(0);
  let size = 0;
  for await (const chunk of res.Body as AsyncIterable<Uint8Array>) {
    const buf = Buffer.from(chunk);
    hash.update(buf);
    size += buf.length;
    if (headSize < SNIFF_BYTES) {
      headChunks.push(buf.subarray(0, SNIFF_BYTES - headSize));
      headSize += Math.min(buf.length, SNIFF_BYTES - headSize);
    }
    tail = Buffer.concat([tail, buf]);
    if (tail.length > SNIFF_BYTES) tail = tail.subarray(tail.length - SNIFF_BYTES);
  }
  return {
    size,
    ...(res.VersionId ? { versionId: res.VersionId } : {}),
    sha256: hash.digest('base64'),
    head: Buffer.concat(headChunks),
    tail,
  };
}

/** Removes a rejected upload. In the versioned bucket, deleting the version itself leaves nothing behind. */
export async function deleteStored(key: string, versionId?: string): Promise<void> {
  await s3.send(
    new DeleteObjectCommand({ Bucket: BUCKET, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
  );
}
