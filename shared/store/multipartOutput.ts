import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { s3 } from './s3.ts';

/** S3's smallest part other than the last. */
export const PART_BYTES = 5 * 1024 * 1024;

export interface OutputStream {
  /** Text is written as UTF-8; bytes as they are. */
  write(chunk: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * A file written to S3 as it is produced, holding at most two part buffers however large the file grows: one
 * filling while the other uploads, and reused from part to part. (lib-storage's Upload allocates a fresh
 * buffer per part and keeps chunks besides, so its memory grew with the file.) A file smaller than one part
 * is sent as one PutObject. Nothing is visible under the key until close() succeeds.
 */
export function openOutput(bucket: string, key: string, contentType: string): OutputStream {
  let filling: Buffer | undefined;
  let filled = 0;
  let spare: Buffer | undefined;
  let uploadId: string | undefined;
  const parts: CompletedPart[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown;
  let closed = false;

  const check = () => {
    if (failure) throw failure;
    if (closed) throw new Error(`${key} is already closed`);
  };

  const sendPart = async (body: Buffer, partNumber: number) => {
    const res = await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
      }),
    );
    parts[partNumber - 1] = { PartNumber: partNumber, ETag: res.ETag };
  };

  /** Starts uploading the full buffer once the previous part is done, so only one part is ever in flight. */
  const flush = async () => {
    await inFlight;
    check();
    uploadId ??= (
      await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }))
    ).UploadId;
    const body = filling as Buffer;
    const partNumber = parts.length + 1;
    parts.length = partNumber;
    filling = undefined;
    filled = 0;
    inFlight = sendPart(body, partNumber).then(
      () => {
        spare = body;
      },
      (error: unknown) => {
        failure = error;
      },
    );
  };

  return {
    async write(chunk) {
      check();
      if (!filling) {
        filling = spare ?? Buffer.allocUnsafe(PART_BYTES);
        spare = undefined;
      }
      // Text that surely fits (UTF-8 takes at most 3 bytes per UTF-16 unit) is encoded straight into the part:
      // the rollup writes a few strings per unit, and a Buffer made for each and then copied cost more.
      if (typeof chunk === 'string' && PART_BYTES - filled >= chunk.length * 3) {
        filled += filling.write(chunk, filled, 'utf8');
        if (filled === PART_BYTES) await flush();
        return;
      }
      let bytes =
        typeof chunk === 'string'
          ? Buffer.from(chunk, 'utf8')
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      while (bytes.length) {
        if (!filling) {
          filling = spare ?? Buffer.allocUnsafe(PART_BYTES);
          spare = undefined;
        }
        const copied = bytes.copy(filling, filled);
        filled += copied;
        bytes = bytes.subarray(copied);
        if (filled === PART_BYTES) await flush();
      }
    },
    async close() {
      check();
      closed = true;
      await inFlight;
      if (failure) throw failure;
      const rest = (filling ?? Buffer.alloc(0)).subarray(0, filled);
      if (!uploadId) {
        await s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: rest, ContentType: contentType }),
        );
        return;
      }
      if (rest.length) await sendPart(rest, parts.length + 1);
      await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    },
    async abort() {
      closed = true;
      await inFlight;
      if (uploadId) {
        await s3
          .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
          .catch(() => undefined);
      }
    },
  };
}
