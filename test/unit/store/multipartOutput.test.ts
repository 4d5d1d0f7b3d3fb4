import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_ENV } from '../http/apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const s3 = mockClient(S3Client);
const { openOutput, PART_BYTES } = await import('#shared/store/multipartOutput');

const partOf = (n: number) => 'x'.repeat(n);

beforeEach(() => {
  s3.reset();
  s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u-1' });
  s3.on(UploadPartCommand).callsFake((input: { PartNumber: number }) => ({ ETag: `"e${input.PartNumber}"` }));
  s3.on(CompleteMultipartUploadCommand).resolves({});
  s3.on(AbortMultipartUploadCommand).resolves({});
});

describe('openOutput', () => {
  it('sends full parts in order and completes with every part, the last one short', async () => {
    const out = openOutput('b', 'k', 'text/csv');
    for (let i = 0; i < 5; i++) await out.write(partOf(PART_BYTES / 2));
    await out.write('tail');
    await out.close();
    const parts = s3.commandCalls(UploadPartCommand).map((c) => c.args[0].input);
    expect(parts.map((p) => [p.PartNumber, (p.Body as Buffer).length])).toEqual([
      [1, PART_BYTES],
      [2, PART_BYTES],
      [3, PART_BYTES / 2 + 4],
    ]);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0]?.args[0].input.MultipartUpload).toEqual({
      Parts: [
        { PartNumber: 1, ETag: '"e1"' },
        { PartNumber: 2, ETag: '"e2"' },
        { PartNumber: 3, ETag: '"e3"' },
      ],
    });
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('never has more than one part in flight, and reuses its two buffers', async () => {
    let inFlight = 0;
    let most = 0;
    const bodies = new Set<ArrayBufferLike>();
    s3.on(UploadPartCommand).callsFake(async (input: { PartNumber: number; Body: Buffer }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      bodies.add(input.Body.buffer);
      await new Promise((r) => setTimeout(r, 5));
      inFlight -= 1;
      return { ETag: `"e${input.PartNumber}"` };
    });
    const out = openOutput('b', 'k', 'text/csv');
    for (let i = 0; i < 6 * 8; i++) await out.write(partOf(PART_BYTES / 8));
    await out.close();
    expect(s3.commandCalls(UploadPartCommand)).toHaveLength(6);
    expect(most).toBe(1);
    expect(bodies.size).toBe(2);
  });

  it('reports a failed part at the next write, not as an unhandled rejection, and aborts the upload', async () => {
    s3.on(UploadPartCommand).rejects(Object.assign(new Error('slow down'), { name: 'SlowDown' }));
    const out = openOutput('b', 'k', 'text/csv');
    await out.write(partOf(PART_BYTES));
    await expect(
      (async () => {
        for (let i = 0; i < 4; i++) await out.write(partOf(PART_BYTES));
      })(),
    ).rejects.toThrow('slow down');
    await expect(out.close()).rejects.toThrow('slow down');
    await out.abort();
    expect(s3.commandCalls(AbortMultipartUploadCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'b',
      Key: 'k',
      UploadId: 'u-1',
    });
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });

  it('does not complete an upload whose last part failed', async () => {
    s3.on(UploadPartCommand).rejects(new Error('connection reset'));
    const out = openOutput('b', 'k', 'text/csv');
    await out.write(partOf(PART_BYTES + 1));
    await expect(out.close()).rejects.toThrow('connection reset');
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });

  it('sends a file under one part as a single PutObject with its content type', async () => {
    s3.on(PutObjectCommand).resolves({});
    const out = openOutput('b', 'k', 'text/html; charset=utf-8');
    await out.write('<p>Điện Biên</p>');
    await out.close();
    const put = s3.commandCalls(PutObjectCommand)[0]?.args[0].input;
    expect(put).toMatchObject({ Bucket: 'b', Key: 'k', ContentType: 'text/html; charset=utf-8' });
    expect(Buffer.from(put?.Body as Buffer).toString('utf8')).toBe('<p>Điện Biên</p>');
    expect(s3.commandCalls(CreateMultipartUploadCommand)).toHaveLength(0);
  });
});
