import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { UpdateCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { keys } from '#shared/model';
import { routes, type Route } from '#shared/contract/routes';
import { deliverToTrigger, objectCreatedEvent } from '../../local/uploadTrigger.ts';
import { startTestApi, type TestApi } from './harness.ts';
import { EVIDENCE_TYPES, type EvidenceContentType } from '#shared/contract/evidence';
import { fakeDocx, made } from '../unit/domain/files.ts';
import { pdfBytes, pngBytes, sha256b64, zipBytes } from './evidenceFiles.ts';
import { officialReportPdfs } from '../fixtures/signedPdf.ts';
import {
  admin,
  auditor,
  completeValues,
  fieldsNeedingEvidence,
  openPeriod,
  snapshotTable,
  SUBMISSION,
  units,
  YEAR,
} from './fixtures.ts';

const agencyA = { sub: 'ev-a', role: 'agency', unitId: 'so-a' } as const;
const agencyB = { sub: 'ev-b', role: 'agency', unitId: 'so-b' } as const;
const field = fieldsNeedingEvidence()[0]!;
const run = promisify(execFile);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const docClient = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'ap-southeast-1', credentials }),
  );
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let api: TestApi;
let s3: S3Client;

beforeAll(async () => {
  process.env.EVIDENCE_MAX_FILES = '12';
  process.env.EVIDENCE_MAX_BYTES = String(1024 * 1024);
  api = await startTestApi({ units });
  await openPeriod(api);
  s3 = new S3Client({
    endpoint: inject('s3Endpoint'),
    forcePathStyle: true,
    region: 'ap-southeast-1',
    credentials,
  });
});
afterAll(() => api.stop());

interface Declared {
  evidence: { evidenceId: string; objectKey: string; status: string };
  upload: { url: string; headers: Record<string, string> };
}

async function declare(
  who: { sub: string; role: 'agency'; unitId: string },
  bytes: Buffer,
  over: Record<string, unknown> = {},
) {
  return api.call(who, 'POST', `/reports/${YEAR}/evidence`, {
    body: {
      fileName: 'Quyết định số 12-QĐ về an toàn thông tin.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256b64(bytes),
      fields: [field],
      document: {
        number: '12/QĐ-STTTT',
        title: 'Quy chế bảo đảm an toàn thông tin',
        issuedOn: `${YEAR}-03-15`,
      },
      ...over,
    },
  });
}

const put = (url: string, headers: Record<string, string>, body: Buffer) =>
  fetch(url, { method: 'PUT', headers, body: new Uint8Array(body) });

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: process.env.EVIDENCE_BUCKET, Key: key }));
    return true;
  } catch {
    return false;
  }
}

describe('a valid upload', () => {
  it('goes straight to S3, is verified, and an auditor downloads identical bytes under its Vietnamese name', async () => {
    const bytes = pdfBytes();
    const res = await declare(agencyA, bytes);
    expect(res.status).toBe(201);
    const { evidence, upload } = res.json as Declared;
    expect(evidence.status).toBe('pending');
    expect(evidence.objectKey).toBe(`evidence/${YEAR}/so-a/${evidence.evidenceId}`);
    expect(new URL(upload.url).searchParams.get('X-Amz-Expires')).toBe('300');
    expect(new URL(upload.url).searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-checksum-sha256');
    expect(new URL(upload.url).searchParams.get('X-Amz-SignedHeaders')).toContain('content-length');

    expect((await put(upload.url, upload.headers, bytes)).status).toBe(200);
    const done = await api.call(agencyA, 'POST', `/evidence/${evidence.evidenceId}/complete`);
    expect(done.status).toBe(200);
    expect(done.json.evidence.status).toBe('verified');

    const link = await api.call(auditor, 'GET', `/evidence/${evidence.evidenceId}/download`);
    expect(link.status).toBe(200);
    const fetched = await fetch(link.json.url);
    expect(fetched.status).toBe(200);
    expect(sha256b64(Buffer.from(await fetched.arrayBuffer()))).toBe(sha256b64(bytes));
    const disposition = fetched.headers.get('content-disposition') ?? '';
    expect(disposition).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
      'Quyết định số 12-QĐ về an toàn thông tin.pdf',
    );

    const own = await api.call(agencyA, 'GET', `/evidence/${evidence.evidenceId}/download`);
    expect(own.status).toBe(200);
    // A PDF is drawn from the checked bytes of the download (pdf.js in the site's viewer), so no view link.
    expect(link.json.viewUrl).toBeUndefined();
    const listed = await api.call(auditor, 'GET', `/review/${YEAR}/reports/so-a/evidence`);
    expect(listed.json.items.map((i: { evidenceId: string }) => i.evidenceId)).toContain(evidence.evidenceId);
  });
});

describe('the signed official report', () => {
  const sent: string[] = [];
  /** Declares, uploads and completes; the answer of the complete call. */
  async function uploaded(bytes: Buffer, over: Record<string, unknown>) {
    const res = await declare(agencyA, bytes, over);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const { evidence, upload } = res.json as Declared;
    sent.push(evidence.evidenceId);
    expect((await put(upload.url, upload.headers, bytes)).status).toBe(200);
    return api.call(agencyA, 'POST', `/evidence/${evidence.evidenceId}/complete`);
  }
  const official = {
    purpose: 'official_report',
    fields: [],
    fileName: 'Báo cáo ứng dụng CNTT năm 2025 (đã ký).pdf',
    document: { title: 'Báo cáo ứng dụng CNTT năm 2025' },
  };

  it('is a PDF of its own kind; whether it carries a digital signature is read from the stored bytes', async () => {
    const { signed, unsigned, prepared } = await officialReportPdfs();
    const done = await uploaded(signed, official);
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json.evidence).toMatchObject({
      status: 'verified',
      purpose: 'official_report',
      signed: true,
    });
    // Prepared for signing but never signed, and plainly unsigned: no signature.
    for (const bytes of [prepared, unsigned])
      expect((await uploaded(bytes, official)).json.evidence).toMatchObject({
        status: 'verified',
        signed: false,
      });
    // Ordinary evidence PDFs are read the same way.
    expect((await uploaded(pdfBytes('evidence'), {})).json.evidence.signed).toBe(false);
    const listed = await api.call(auditor, 'GET', `/review/${YEAR}/reports/so-a/evidence`);
    const mine = listed.json.items.filter((i: { evidenceId: string }) => sent.includes(i.evidenceId));
    expect(mine.map((i: { signed?: boolean }) => i.signed).sort()).toEqual([false, false, false, true]);
    // The report's file slots are for the tests below.
    for (const id of sent) expect((await api.call(agencyA, 'DELETE', `/evidence/${id}`)).status).toBe(200);
  });

  it('backs no field, and must be a PDF; evidence must back one: 400 naming the field, nothing written', async () => {
    const bytes = pdfBytes('official');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...official, fields: [field] }, 'fields'],
      [{ ...official, contentType: 'image/png', fileName: 'bao-cao.png' }, 'contentType'],
      [{ fields: [] }, 'fields'],
    ];
    for (const [over, path] of cases) {
      const before = await snapshotTable(api.tableName);
      const res = await declare(agencyA, bytes, over);
      expect(res.status).toBe(400);
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect(res.json.error.issues[0].message.vi).toBeTruthy();
      expect(await snapshotTable(api.tableName)).toBe(before);
    }
  });
});

describe('a verified image', () => {
  it('also gets a view link: the same verified bytes, inline, as the type the server verified', async () => {
    const bytes = pngBytes();
    const res = await declare(agencyA, bytes, {
      fileName: 'Ảnh phòng máy chủ.png',
      contentType: 'image/png',
    });
    const { evidence, upload } = res.json as Declared;
    expect((await put(upload.url, upload.headers, bytes)).status).toBe(200);
    expect((await api.call(agencyA, 'POST', `/evidence/${evidence.evidenceId}/complete`)).status).toBe(200);
    const link = await api.call(auditor, 'GET', `/evidence/${evidence.evidenceId}/download`);
    expect(link.status).toBe(200);
    const view = await fetch(link.json.viewUrl);
    expect(view.status).toBe(200);
    expect(view.headers.get('content-type')).toBe('image/png');
    expect(view.headers.get('content-disposition')).toBe('inline');
    expect(sha256b64(Buffer.from(await view.arrayBuffer()))).toBe(sha256b64(bytes));
    // Short-lived like the download (presignDownload pins the verified version for both; see below).
    expect(new URL(link.json.viewUrl).searchParams.get('X-Amz-Expires')).toBe('300');
    // Its slot is given back for the tests below, which count the report's files.
    expect((await api.call(agencyA, 'DELETE', `/evidence/${evidence.evidenceId}`)).status).toBe(200);
  });
});

describe('uploads that must not count', () => {
  async function declared(bytes: Buffer, over: Record<string, unknown> = {}) {
    const res = await declare(agencyA, bytes, over);
    expect(res.status).toBe(201);
    return res.json as Declared;
  }
  async function stillPending(d: Declared) {
    const done = await api.call(agencyA, 'POST', `/evidence/${d.evidence.evidenceId}/complete`);
    expect(done.status).toBe(409);
    expect(done.json.error.code).toBe('UPLOAD_MISSING');
    expect(await objectExists(d.evidence.objectKey)).toBe(false);
  }

  it('a tampered URL', async () => {
    const bytes = pdfBytes('tampered');
    const d = await declared(bytes);
    const url = new URL(d.upload.url);
    url.pathname = url.pathname.replace(d.evidence.evidenceId, 'someone-elses-key');
    expect((await put(url.toString(), d.upload.headers, bytes)).status).toBe(403);
    const sig = new URL(d.upload.url);
    sig.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await put(sig.toString(), d.upload.headers, bytes)).status).toBe(403);
    await stillPending(d);
  });

  it('an expired URL', async () => {
    const bytes = pdfBytes('expired');
    const d = await declared(bytes);
    const { presignUpload } = await import('#shared/store/evidenceObjects');
    const { getEvidence } = await import('#shared/store/evidence');
    const item = (await getEvidence(d.evidence.evidenceId))!;
    const old = await presignUpload(item, new Date(Date.now() - 6 * 60_000));
    if (old.method !== 'PUT') throw new Error('a small file goes up in one PUT');
    expect((await put(old.url, old.headers, bytes)).status).toBe(403);
    await stillPending(d);
  });

  it('a wrong content type', async () => {
    const bytes = pdfBytes('type');
    const d = await declared(bytes);
    expect(
      (await put(d.upload.url, { ...d.upload.headers, 'content-type': 'image/png' }, bytes)).status,
    ).toBe(403);
    await stillPending(d);
  });

  it('a wrong size', async () => {
    const bytes = pdfBytes('size');
    const d = await declared(bytes);
    expect(
      (await put(d.upload.url, d.upload.headers, Buffer.concat([bytes, Buffer.from('extra')]))).status,
    ).toBe(403);
    await stillPending(d);
  });

  it('a wrong checksum header', async () => {
    const bytes = pdfBytes('checksum');
    const d = await declared(bytes);
    const headers = { ...d.upload.headers, 'x-amz-checksum-sha256': sha256b64(Buffer.from('other')) };
    expect((await put(d.upload.url, headers, bytes)).status).toBe(403);
    await stillPending(d);
  });

  it('other bytes of the declared size: the local S3 refuses them with 400 BadDigest, as S3 does (curl)', async () => {
    const bytes = pdfBytes('digest');
    const other = Buffer.from(bytes);
    other[other.length - 20] = other[other.length - 20] === 0x30 ? 0x31 : 0x30;
    const d = await declared(bytes);
    const dir = mkdtempSync(join(tmpdir(), 'bad-digest-'));
    try {
      const file = join(dir, 'body.pdf');
      writeFileSync(file, other);
      const headerArgs = Object.entries(d.upload.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
      const { stdout } = await run('curl', [
        '-sS',
        '-X',
        'PUT',
        ...headerArgs,
        '--data-binary',
        `@${file}`,
        '-w',
        '\n%{http_code}',
        d.upload.url,
      ]);
      const [body, status] = [
        stdout.slice(0, stdout.lastIndexOf('\n')),
        stdout.slice(stdout.lastIndexOf('\n') + 1),
      ];
      expect(status).toBe('400');
      expect(body).toContain('<Code>BadDigest</Code>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await stillPending(d);
    // The right bytes through the same URL still land.
    expect((await put(d.upload.url, d.upload.headers, bytes)).status).toBe(200);
    // And once verified, other bytes through the still-valid URL cannot replace them.
    expect((await api.call(agencyA, 'POST', `/evidence/${d.evidence.evidenceId}/complete`)).status).toBe(200);
    expect((await put(d.upload.url, d.upload.headers, other)).status).toBe(400);
    const link = await api.call(auditor, 'GET', `/evidence/${d.evidence.evidenceId}/download`);
    expect(sha256b64(Buffer.from(await (await fetch(link.json.url)).arrayBuffer()))).toBe(sha256b64(bytes));
  });

  it('other bytes of the declared size written past the URL are caught by the SHA-256 check, hidden and rejected', async () => {
    const bytes = pdfBytes('declared');
    const other = Buffer.from(bytes);
    other[other.length - 2] = 0x41;
    const d = await declared(bytes);
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env.EVIDENCE_BUCKET,
        Key: d.evidence.objectKey,
        Body: other,
        ContentType: 'application/pdf',
      }),
    );
    const done = await api.call(agencyA, 'POST', `/evidence/${d.evidence.evidenceId}/complete`);
    expect(done.status).toBe(422);
    expect(done.json.error.code).toBe('EVIDENCE_REJECTED');
    expect(done.json.error.message.en).toMatch(/SHA-256/);
    expect(await objectExists(d.evidence.objectKey)).toBe(false);
    const list = await api.call(agencyA, 'GET', `/reports/${YEAR}/evidence`);
    const item = list.json.items.find((i: { evidenceId: string }) => i.evidenceId === d.evidence.evidenceId);
    expect(item.status).toBe('rejected');
    expect(item.rejectedReason.vi).toBeTruthy();
  });

  it('a PDF declared but a ZIP sent', async () => {
    const zip = zipBytes();
    const d = await declared(zip);
    expect((await put(d.upload.url, d.upload.headers, zip)).status).toBe(200);
    const done = await api.call(agencyA, 'POST', `/evidence/${d.evidence.evidenceId}/complete`);
    expect(done.status).toBe(422);
    expect(done.json.error.message.en).toMatch(/not the PDF/);
    expect(await objectExists(d.evidence.objectKey)).toBe(false);
  });

  it('another agency’s evidence id', async () => {
    const bytes = pngBytes();
    const d = await declared(bytes, { contentType: 'image/png', fileName: 'anh.png' });
    expect((await put(d.upload.url, d.upload.headers, bytes)).status).toBe(200);
    const before = await snapshotTable(api.tableName);
    for (const [method, path] of [
      ['POST', `/evidence/${d.evidence.evidenceId}/complete`],
      ['GET', `/evidence/${d.evidence.evidenceId}/download`],
      ['DELETE', `/evidence/${d.evidence.evidenceId}`],
    ] as const) {
      const res = await api.call(agencyB, method, path);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('NOT_YOUR_EVIDENCE');
    }
    expect(await snapshotTable(api.tableName)).toBe(before);
  });

  it('an unauthenticated download', async () => {
    expect((await api.call(undefined, 'GET', '/evidence/abcdefghijklmnop/download')).status).toBe(401);
  });

  it('an unknown field, a disallowed type, an oversize file', async () => {
    const bytes = pdfBytes();
    expect((await declare(agencyA, bytes, { fields: ['nope'] })).status).toBe(400);
    expect((await declare(agencyA, bytes, { contentType: 'application/zip' })).status).toBe(400);
    const big = await declare(agencyA, bytes, { size: 2 * 1024 * 1024 });
    expect(big.status).toBe(400);
    expect(big.json.error.issues[0].path).toBe('size');
    expect((await declare(agencyA, bytes, { fileName: '../../etc/passwd' })).status).toBe(400);
  });
});

describe('a file is what it says it is', () => {
  it.each(['x.html', 'x.hta', 'x.cmd', 'x.svg'])(
    'declaring %s as a PDF is refused, naming fileName',
    async (fileName) => {
      const before = await snapshotTable(api.tableName);
      const res = await declare(agencyA, pdfBytes(fileName), { fileName });
      expect(res.status).toBe(400);
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['fileName']);
      expect(res.json.error.issues[0].message.vi).toMatch(/\.pdf/);
      expect(res.json.error.issues[0].message.en).toMatch(/\.pdf/);
      expect(await snapshotTable(api.tableName)).toBe(before);
    },
  );

  it('a fake DOCX (ZIP magic and the part names, but no central directory) is rejected after upload', async () => {
    const bytes = fakeDocx();
    const res = await declare(agencyA, bytes, { fileName: 'bien-ban.docx', contentType: DOCX });
    expect(res.status).toBe(201);
    const d = res.json as Declared;
    expect((await put(d.upload.url, d.upload.headers, bytes)).status).toBe(200);
    const done = await api.call(agencyA, 'POST', `/evidence/${d.evidence.evidenceId}/complete`);
    expect(done.status).toBe(422);
    expect(done.json.error.code).toBe('EVIDENCE_REJECTED');
    expect(done.json.error.message.en).toMatch(/central directory/);
    expect(await objectExists(d.evidence.objectKey)).toBe(false);
  });

  it.each(Object.entries(made))(
    'a real %s made with a ZIP library passes, and downloads with its type and extension',
    async (contentType, file) => {
      const bytes = file();
      const ext = EVIDENCE_TYPES[contentType as EvidenceContentType].extensions[0];
      const res = await declare(agencyA, bytes, { fileName: `Tài liệu kiểm chứng.${ext}`, contentType });
      expect(res.status).toBe(201);
      const d = res.json as Declared;
      expect((await put(d.upload.url, d.upload.headers, bytes)).status).toBe(200);
      const done = await api.call(agencyA, 'POST', `/evidence/${d.evidence.evidenceId}/complete`);
      expect(done.status, JSON.stringify(done.json)).toBe(200);
      expect(done.json.evidence.status).toBe('verified');
      const link = await api.call(auditor, 'GET', `/evidence/${d.evidence.evidenceId}/download`);
      expect(link.json.fileName).toBe(`Tài liệu kiểm chứng.${ext}`);
      const fetched = await fetch(link.json.url);
      expect(fetched.headers.get('content-type')).toBe(contentType);
      expect(fetched.headers.get('content-disposition')).toMatch(new RegExp(`\\.${ext}$`));
    },
  );

  it('a file verified under a name that lost its extension still downloads under the verified type’s', async () => {
    const bytes = pdfBytes('old name');
    const d = (await declare(agencyB, bytes)).json as Declared;
    await put(d.upload.url, d.upload.headers, bytes);
    await api.call(agencyB, 'POST', `/evidence/${d.evidence.evidenceId}/complete`);
    // As a declaration stored before names were checked would be.
    await docClient().send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.evidence(d.evidence.evidenceId),
        UpdateExpression: 'SET fileName = :n',
        ExpressionAttributeValues: { ':n': 'bao-cao.html' },
      }),
    );
    const link = await api.call(auditor, 'GET', `/evidence/${d.evidence.evidenceId}/download`);
    expect(link.json.fileName).toBe('bao-cao.html.pdf');
    const fetched = await fetch(link.json.url);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(fetched.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(
      'bao-cao.html.pdf',
    );
  });
});

describe('the verified version', () => {
  it('is what a download names, where the bucket keeps versions (the emulator keeps none, so one is set here)', async () => {
    const bytes = pdfBytes('versioned');
    const d = (await declare(agencyB, bytes)).json as Declared;
    await put(d.upload.url, d.upload.headers, bytes);
    expect((await api.call(agencyB, 'POST', `/evidence/${d.evidence.evidenceId}/complete`)).status).toBe(200);
    // As settleUpload records it from S3's answer in a versioned bucket.
    await docClient().send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.evidence(d.evidence.evidenceId),
        UpdateExpression: 'SET versionId = :v',
        ExpressionAttributeValues: { ':v': 'Xk2.verified-version' },
      }),
    );
    const link = await api.call(auditor, 'GET', `/evidence/${d.evidence.evidenceId}/download`);
    expect(new URL(link.json.url).searchParams.get('versionId')).toBe('Xk2.verified-version');
  });
});

describe('the S3 upload trigger', () => {
  it('settles an upload the browser never completed: verified when sound, rejected and hidden when not', async () => {
    const good = pdfBytes('trigger ok');
    const g = (await declare(agencyB, good)).json as Declared;
    expect((await put(g.upload.url, g.upload.headers, good)).status).toBe(200);
    await deliverToTrigger(
      objectCreatedEvent(process.env.EVIDENCE_BUCKET!, g.evidence.objectKey, good.length, new Date()),
    );

    const bad = fakeDocx();
    const b = (await declare(agencyB, bad, { fileName: 'gia.docx', contentType: DOCX })).json as Declared;
    expect((await put(b.upload.url, b.upload.headers, bad)).status).toBe(200);
    await deliverToTrigger(
      objectCreatedEvent(process.env.EVIDENCE_BUCKET!, b.evidence.objectKey, bad.length, new Date()),
    );

    const list = await api.call(agencyB, 'GET', `/reports/${YEAR}/evidence`);
    const status = (id: string) =>
      list.json.items.find((i: { evidenceId: string }) => i.evidenceId === id)?.status;
    expect(status(g.evidence.evidenceId)).toBe('verified');
    expect(status(b.evidence.evidenceId)).toBe('rejected');
    expect(await objectExists(b.evidence.objectKey)).toBe(false);
    // The browser's late complete call gets the settled answer.
    expect(
      (await api.call(agencyB, 'POST', `/evidence/${g.evidence.evidenceId}/complete`)).json.evidence.status,
    ).toBe('verified');
  });
});

describe('limits, withdrawal and immutability', () => {
  it('caps the number of live files per report', async () => {
    const agency = { sub: 'ev-c', role: 'agency', unitId: 'huyen-c' } as const;
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await declare(agency, pdfBytes(`file ${i}`))).status);
    expect(statuses.slice(0, 12).every((s) => s === 201)).toBe(true);
    expect(statuses[12]).toBe(409);
  });

  it('withdraws evidence while the report is a draft; the object stays; a submitted report refuses new files', async () => {
    const agency = { sub: 'ev-d', role: 'agency', unitId: 'xa-d' } as const;
    const ids: string[] = [];
    for (const f of fieldsNeedingEvidence()) {
      const bytes = pdfBytes(f);
      const d = (await declare(agency, bytes, { fields: [f] })).json as Declared;
      await put(d.upload.url, d.upload.headers, bytes);
      expect((await api.call(agency, 'POST', `/evidence/${d.evidence.evidenceId}/complete`)).status).toBe(
        200,
      );
      ids.push(d.evidence.evidenceId);
    }
    const extra = pdfBytes('extra');
    const x = (await declare(agency, extra)).json as Declared;
    await put(x.upload.url, x.upload.headers, extra);
    await api.call(agency, 'POST', `/evidence/${x.evidence.evidenceId}/complete`);
    const withdrawn = await api.call(agency, 'DELETE', `/evidence/${x.evidence.evidenceId}`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.evidence.status).toBe('withdrawn');
    expect(await objectExists(x.evidence.objectKey)).toBe(true);
    expect((await api.call(agency, 'DELETE', `/evidence/${x.evidence.evidenceId}`)).status).toBe(409);

    await api.call(agency, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
    const submitted = await api.call(agency, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
    expect(submitted.status).toBe(200);
    const late = await declare(agency, pdfBytes('after'));
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('REPORT_LOCKED');
    expect((await api.call(agency, 'DELETE', `/evidence/${ids[0]}`)).status).toBe(409);
  });
});

describe('the audit log', () => {
  it('records every download and review action, pages them, and detects an edited entry', async () => {
    await api.call(auditor, 'POST', `/review/${YEAR}/reports/xa-d/accept`, { body: { comment: 'Đạt' } });
    const log = await api.call(admin, 'GET', `/audit?year=${YEAR}&limit=500`);
    expect(log.status).toBe(200);
    const actions = log.json.entries.map((e: { action: string }) => e.action);
    expect(actions).toContain('evidence.download');
    expect(actions).toContain('review.accept');
    const download = log.json.entries.find((e: { action: string }) => e.action === 'evidence.download');
    expect(download).toMatchObject({ actor: { sub: 'auditor-1', role: 'auditor' }, unitId: 'so-a' });
    expect(download.sourceIp).toBe('127.0.0.1');
    const narrowed = await api.call(admin, 'GET', `/audit?year=${YEAR}&unit=xa-d`);
    expect(narrowed.json.entries.length).toBeGreaterThan(0);
    expect(narrowed.json.entries.every((e: { unitId: string }) => e.unitId === 'xa-d')).toBe(true);

    const checked = await api.call(admin, 'GET', `/audit/verification?year=${YEAR}&unit=so-a`);
    expect(checked.status).toBe(200);
    expect(checked.json.verified).toBe(true);

    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'ap-southeast-1', credentials }),
    );
    await doc.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.auditEntry(YEAR, download.chain, download.seq),
        UpdateExpression: 'SET sourceIp = :ip',
        ExpressionAttributeValues: { ':ip': '10.9.9.9' },
      }),
    );
    const tampered = await api.call(admin, 'GET', `/audit/verification?year=${YEAR}&unit=so-a`);
    expect(tampered.json.verified).toBe(false);
    expect(tampered.json.chains.find((c: { chain: string }) => c.chain === download.chain)).toMatchObject({
      verified: false,
      brokenAt: download.seq,
      problem: 'link',
    });
    expect((await api.call(auditor, 'GET', `/audit?year=${YEAR}`)).status).toBe(403);
    expect((await api.call(auditor, 'GET', `/audit/verification?year=${YEAR}&unit=so-a`)).status).toBe(403);
  });
});

describe('no route accepts a file body', () => {
  const sample: Record<string, string> = {
    year: String(YEAR),
    unitId: 'so-a',
    evidenceId: 'abcdefghijkl',
    n: '1',
  };
  const writing = (routes as readonly Route[]).filter((r) => r.method !== 'GET' && r.auth !== 'public');
  it.each(writing.map((r) => [r.id, r] as const))(
    '%s refuses application/octet-stream with 415',
    async (_id, route) => {
      const role = (route.auth as readonly string[])[0];
      const who = role === 'agency' ? agencyA : role === 'auditor' ? auditor : admin;
      const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => sample[p] ?? 'x');
      const res = await api.call(who, route.method, path, {
        rawBody: pdfBytes().toString('latin1'),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(res.status).toBe(415);
    },
  );
});
