import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { applyLocalEnv, localBucketName } from '../../local/env.ts';

/* Files streamed to the S3 emulator part by part, read back whole. */
applyLocalEnv({
  tableName: 'unused',
  dynamoEndpoint: inject('dynamoEndpoint'),
  s3Endpoint: inject('s3Endpoint'),
  bucketPrefix: inject('bucketPrefix'),
});
const bucket = localBucketName(inject('bucketPrefix'), 'reports');
const { openOutput, PART_BYTES } = await import('#shared/store/multipartOutput');
let s3: S3Client;

beforeAll(async () => {
  ({ s3 } = await import('#shared/store/s3'));
});

async function stored(key: string): Promise<{ body: Buffer; type: string | undefined }> {
  const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return { body: Buffer.from(await res.Body!.transformToByteArray()), type: res.ContentType };
}

/** Rows of Vietnamese text whose multi-byte characters land across part boundaries. */
function rows(totalBytes: number): string[] {
  const out: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < totalBytes; i++) {
    const row = `${i},Ủy ban nhân dân xã Mường Nhé ${'đ'.repeat(i % 97)}\n`;
    out.push(row);
    bytes += Buffer.byteLength(row);
  }
  return out;
}

describe('a file streamed to S3 in parts', () => {
  it('stores a file of several parts byte for byte, with its content type', async () => {
    const key = `test/multipart-${Date.now()}.csv`;
    const lines = ['\uFEFF', ...rows(2 * PART_BYTES + 123_457)];
    const out = openOutput(bucket, key, 'text/csv; charset=utf-8');
    for (const line of lines) await out.write(line);
    await out.close();
    const { body, type } = await stored(key);
    expect(body.length).toBeGreaterThan(2 * PART_BYTES);
    expect(body.equals(Buffer.from(lines.join(''), 'utf8'))).toBe(true);
    expect(type).toBe('text/csv; charset=utf-8');
  });

  it('stores a file of exactly one part, and one written in a single large write', async () => {
    const exact = `test/exact-${Date.now()}.txt`;
    const one = openOutput(bucket, exact, 'text/plain; charset=utf-8');
    await one.write('a'.repeat(PART_BYTES));
    await one.close();
    expect((await stored(exact)).body.length).toBe(PART_BYTES);

    const big = `test/big-${Date.now()}.txt`;
    const text = 'ệ'.repeat(Math.ceil((PART_BYTES * 1.5) / 3));
    const out = openOutput(bucket, big, 'text/plain; charset=utf-8');
    await out.write(text);
    await out.close();
    expect((await stored(big)).body.toString('utf8')).toBe(text);
  });

  it('sends a small file, or an empty one, as one object', async () => {
    const key = `test/small-${Date.now()}.json`;
    const out = openOutput(bucket, key, 'application/json; charset=utf-8');
    await out.write('{"tỉnh":');
    await out.write('"Điện Biên"}');
    await out.close();
    expect((await stored(key)).body.toString('utf8')).toBe('{"tỉnh":"Điện Biên"}');

    const empty = `test/empty-${Date.now()}.json`;
    const none = openOutput(bucket, empty, 'application/json');
    await none.close();
    expect((await stored(empty)).body.length).toBe(0);
  });

  it('leaves nothing under the key, and no open upload, when aborted after parts were sent (the emulator cannot list uploads: the unit test checks the abort call)', async () => {
    const key = `test/aborted-${Date.now()}.csv`;
    const out = openOutput(bucket, key, 'text/csv');
    for (const line of rows(PART_BYTES + 10)) await out.write(line);
    await out.abort();
    await expect(stored(key)).rejects.toMatchObject({ name: 'NoSuchKey' });
    await expect(out.write('more')).rejects.toThrow(/already closed/);
  });
});
