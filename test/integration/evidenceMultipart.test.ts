import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { EVIDENCE_PART_BYTES } from '#shared/contract/evidence';
import { partUploadCounts } from '../../local/s3.ts';
import { startTestApi, type TestApi } from './harness.ts';
import { sha256b64 } from './evidenceFiles.ts';
import { fieldsNeedingEvidence, openPeriod, units, YEAR } from './fixtures.ts';

/*
 * A file over EVIDENCE_PART_BYTES goes up as an S3 multipart upload, each part under its own signed checksum,
 * and resumes after the last part stored. The emulator checks what S3 checks here (local/s3rverMultipart.ts):
 * a part's checksum, the parts named on completion, the 5 MiB minimum; and counts the parts it received.
 */
const agency = { sub: 'mp-a', role: 'agency', unitId: 'so-a' } as const;
const other = { sub: 'mp-b', role: 'agency', unitId: 'so-b' } as const;
const field = fieldsNeedingEvidence()[0]!;
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
});
afterAll(() => api.stop());

/** A PDF of `size` bytes, as the framing check reads one: its header, filler, a trailer. */
function bigPdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%');
  const tail = Buffer.from('\nstartxref\n9\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}
const partsOf = (bytes: Buffer) =>
  Array.from({ length: Math.ceil(bytes.length / EVIDENCE_PART_BYTES) }, (_, i) =>
    bytes.subarray(i * EVIDENCE_PART_BYTES, (i + 1) * EVIDENCE_PART_BYTES),
  );
const declaration = (bytes: Buffer, over: Record<string, unknown> = {}) => ({
  fileName: 'Biên bản kiểm tra (bản quét).pdf',
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: sha256b64(bytes),
  parts: partsOf(bytes).map(sha256b64),
  fields: [field],
  document: { title: 'Biên bản kiểm tra hạ tầng CNTT' },
  ...over,
});

interface Ticket {
  method: string;
  uploadId: string;
  partBytes: number;
  done: number[];
  parts: { partNumber: number; url: string; headers: Record<string, string> }[];
}
const sendPart = (ticket: Ticket, partNumber: number, body: Buffer) => {
  const part = ticket.parts.find((p) => p.partNumber === partNumber)!;
  return fetch(part.url, { method: 'PUT', headers: part.headers, body: new Uint8Array(body) });
};

describe('a large file, in parts', () => {
  const bytes = bigPdf(20 * 1024 * 1024);
  const parts = partsOf(bytes);

  it('declares one checksum per part, or none for a small file, and says so by field', async () => {
    const call = (body: unknown) => api.call(agency, 'POST', `/reports/${YEAR}/evidence`, { body });
    const missing = await call(declaration(bytes, { parts: undefined }));
    expect(missing.status).toBe(400);
    expect(missing.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['parts']);
    expect(missing.json.error.issues[0].message.en).toContain('3 parts of 8 MiB');
    const short = await call(declaration(bytes, { parts: [sha256b64(parts[0]!), sha256b64(parts[1]!)] }));
    expect(short.status).toBe(400);
    const small = Buffer.from('%PDF-1.4\nstartxref\n9\n%%EOF\n');
    const smallWithParts = await call(declaration(small, { parts: [sha256b64(small), sha256b64(small)] }));
    expect(smallWithParts.status).toBe(400);
    expect(smallWithParts.json.error.issues[0].path).toBe('parts');
    const bad = await call(declaration(bytes, { parts: ['not a checksum', 'x', 'y'] }));
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('parts.0');
  });

  it('goes up part by part; a cut resumes with the stored parts kept, and the joined file is checked', async () => {
    const declared = await api.call(agency, 'POST', `/reports/${YEAR}/evidence`, {
      body: declaration(bytes),
    });
    expect(declared.status).toBe(201);
    const ticket = declared.json.upload as Ticket;
    const { evidenceId } = declared.json.evidence;
    expect(ticket).toMatchObject({ method: 'MULTIPART', partBytes: EVIDENCE_PART_BYTES, done: [] });
    expect(ticket.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    for (const p of ticket.parts) {
      const signed = new URL(p.url).searchParams.get('X-Amz-SignedHeaders') ?? '';
      expect(signed).toContain('x-amz-checksum-sha256');
      expect(signed).toContain('content-length');
    }
    // A part's bytes must be what its checksum says: the wrong bytes of the right length are refused.
    const wrong = await fetch(ticket.parts[0]!.url, {
      method: 'PUT',
      headers: ticket.parts[0]!.headers,
      body: new Uint8Array(parts[1]!),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('BadDigest');

    // Two parts arrive, then the connection drops.
    expect((await sendPart(ticket, 1, parts[0]!)).status).toBe(200);
    expect((await sendPart(ticket, 2, parts[1]!)).status).toBe(200);
    const early = await api.call(agency, 'POST', `/evidence/${evidenceId}/complete`);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('UPLOAD_MISSING');

    // Another agency cannot resume it; the owner gets only what is left, with fresh links.
    expect((await api.call(other, 'GET', `/evidence/${evidenceId}/upload`)).status).toBe(403);
    const resumed = await api.call(agency, 'GET', `/evidence/${evidenceId}/upload`);
    expect(resumed.status).toBe(200);
    const rest = resumed.json.upload as Ticket;
    expect(rest.done).toEqual([1, 2]);
    expect(rest.parts.map((p) => p.partNumber)).toEqual([3]);
    expect((await sendPart(rest, 3, parts[2]!)).status).toBe(200);

    const done = await api.call(agency, 'POST', `/evidence/${evidenceId}/complete`);
    expect(done.status).toBe(200);
    expect(done.json.evidence).toMatchObject({
      status: 'verified',
      size: bytes.length,
      sha256: sha256b64(bytes),
    });
    // Each part was received once (the refused one is not stored).
    expect(await partUploadCounts(inject('s3Endpoint'), ticket.uploadId)).toEqual({ 1: 1, 2: 1, 3: 1 });
    // Nothing is left to upload, and a retried complete answers the same.
    const after = await api.call(agency, 'GET', `/evidence/${evidenceId}/upload`);
    expect(after.status).toBe(409);
    expect(after.json.error.code).toBe('EVIDENCE_NOT_LIVE');
    expect((await api.call(agency, 'POST', `/evidence/${evidenceId}/complete`)).status).toBe(200);
  });

  it('a small file resumes too: a fresh single PUT link', async () => {
    const small = Buffer.from('%PDF-1.4\n%âãÏÓ\nstartxref\n9\n%%EOF\n');
    const declared = await api.call(agency, 'POST', `/reports/${YEAR}/evidence`, {
      body: declaration(small, { parts: undefined }),
    });
    expect(declared.status).toBe(201);
    expect(declared.json.upload.method).toBe('PUT');
    const resumed = await api.call(agency, 'GET', `/evidence/${declared.json.evidence.evidenceId}/upload`);
    expect(resumed.json.upload.method).toBe('PUT');
    const put = await fetch(resumed.json.upload.url, {
      method: 'PUT',
      headers: resumed.json.upload.headers,
      body: new Uint8Array(small),
    });
    expect(put.status).toBe(200);
    const done = await api.call(agency, 'POST', `/evidence/${declared.json.evidence.evidenceId}/complete`);
    expect(done.json.evidence.status).toBe('verified');
  });
});
