import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dataModel, EVIDENCE_SLOT_PREFIX } from '#shared/model';
import { startTestApi, type TestApi } from './harness.ts';
import { pdfBytes } from './evidenceFiles.ts';
import {
  auditor,
  catalog,
  completeValues,
  evidenceDeclaration,
  fieldsNeedingEvidence,
  openPeriod,
  snapshotTable,
  SUBMISSION,
  units,
  YEAR,
} from './fixtures.ts';

/* The report's evidence limit under abandoned declarations, races with submission, and files that come late. */
const MAX_FILES = 4;
// Long enough that a loaded machine declares up to the cap before the first one lapses.
const PENDING_SECONDS = 6;
let api: TestApi;
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  }),
);

beforeAll(async () => {
  process.env.EVIDENCE_MAX_FILES = String(MAX_FILES);
  process.env.EVIDENCE_PENDING_SECONDS = String(PENDING_SECONDS);
  api = await startTestApi({ units: [...units, LATE_UNIT, TWICE_UNIT, LAPSING_UNIT] });
  await openPeriod(api);
});
afterAll(() => api.stop());

const LATE_UNIT = {
  ...units.find((u) => u.id === 'xa-d')!,
  id: 'xa-e',
  code: 'E',
  name: { vi: 'Xã E', en: 'Commune E' },
};
const TWICE_UNIT = { ...LATE_UNIT, id: 'xa-f', code: 'F', name: { vi: 'Xã F', en: 'Commune F' } };
const LAPSING_UNIT = { ...LATE_UNIT, id: 'xa-g', code: 'G', name: { vi: 'Xã G', en: 'Commune G' } };
type Agency = { sub: string; role: 'agency'; unitId: string };
const agency = (unitId: string): Agency => ({ sub: `slots-${unitId}`, role: 'agency', unitId });

interface Declared {
  evidence: { evidenceId: string; status: string; pendingUntil?: string };
  upload: { url: string; headers: Record<string, string> };
}

async function declare(who: Agency, text: string) {
  return api.call(who, 'POST', `/reports/${YEAR}/evidence`, {
    body: evidenceDeclaration(pdfBytes(text), { fields: fieldsNeedingEvidence() }),
  });
}

/** Uploads a declared file's bytes and has them checked: it must come out verified. */
async function uploadVerified(who: Agency, d: Declared, bytes: Buffer): Promise<void> {
  expect(
    (await fetch(d.upload.url, { method: 'PUT', headers: d.upload.headers, body: new Uint8Array(bytes) }))
      .status,
  ).toBe(200);
  const done = await api.call(who, 'POST', `/evidence/${d.evidence.evidenceId}/complete`);
  expect(done.json.evidence?.status, JSON.stringify(done.json)).toBe('verified');
}

/** A file for every field that needs one, uploaded and verified. */
async function verifiedFile(who: Agency, text: string): Promise<string> {
  const res = await declare(who, text);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const d = res.json as Declared;
  await uploadVerified(who, d, pdfBytes(text));
  return d.evidence.evidenceId;
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: api.tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    out.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return out;
}

/** What DynamoDB's TTL does, all at once: every item whose TTL attribute is in the past is deleted, silently. */
async function runTimeToLive(): Promise<Record<string, unknown>[]> {
  const now = Math.floor(Date.now() / 1000);
  const expired = (await scanAll()).filter(
    (i) =>
      typeof i[dataModel.timeToLiveAttribute] === 'number' &&
      (i[dataModel.timeToLiveAttribute] as number) <= now,
  );
  for (let i = 0; i < expired.length; i += 25) {
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          [api.tableName]: expired
            .slice(i, i + 25)
            .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
        },
      }),
    );
  }
  return expired;
}

const lapse = () => new Promise((r) => setTimeout(r, (PENDING_SECONDS + 1) * 1000));

async function slotsHeldBy(evidenceId: string) {
  return (await scanAll()).filter(
    (i) => String(i.sk).startsWith(EVIDENCE_SLOT_PREFIX) && i.evidenceId === evidenceId,
  );
}

describe('no slot is lost', () => {
  it('a report at its cap whose pending declarations TTL removed takes a new file, and is submitted', async () => {
    const who = agency('so-a');
    await verifiedFile(who, 'ngân sách');
    for (let i = 1; i < MAX_FILES; i++) expect((await declare(who, `bỏ dở ${i}`)).status).toBe(201);
    const full = await declare(who, 'một tệp quá nhiều');
    expect(full.status).toBe(409);
    expect(full.json.error.code).toBe('TOO_MANY_FILES');

    await lapse();
    const removed = await runTimeToLive();
    expect(removed.filter((i) => i.entity === 'evidence')).toHaveLength(MAX_FILES - 1);
    expect(removed.filter((i) => String(i.sk).startsWith(EVIDENCE_SLOT_PREFIX))).toHaveLength(MAX_FILES - 1);

    await verifiedFile(who, 'quyết định mới');
    const list = await api.call(who, 'GET', `/reports/${YEAR}/evidence`);
    expect(list.json.items.map((i: { status: string }) => i.status).sort()).toEqual(['verified', 'verified']);
    expect(
      (await api.call(who, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } })).status,
    ).toBe(200);
    const submitted = await api.call(who, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
  });

  it('a lapsed declaration frees its slot before TTL has removed it, and a completed one keeps its slot', async () => {
    const who = agency('so-b');
    await verifiedFile(who, 'giữ chỗ');
    for (let i = 1; i < MAX_FILES; i++) expect((await declare(who, `chờ ${i}`)).status).toBe(201);
    expect((await declare(who, 'đầy')).status).toBe(409);
    await lapse();
    // No TTL run: the lapsed holders no longer count, the verified one still does.
    for (let i = 1; i < MAX_FILES; i++) expect((await declare(who, `lần hai ${i}`)).status).toBe(201);
    expect((await declare(who, 'vẫn đầy')).status).toBe(409);
  });

  it('lists a pending declaration with its expiry, and lets the agency cancel it to free its slot', async () => {
    const who = agency('huyen-c');
    const before = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < MAX_FILES; i++) {
      const res = await declare(who, `khai ${i}`);
      expect(res.status).toBe(201);
      ids.push((res.json as Declared).evidence.evidenceId);
    }
    const list = await api.call(who, 'GET', `/reports/${YEAR}/evidence`);
    const pending = list.json.items.find((i: { evidenceId: string }) => i.evidenceId === ids[0]);
    expect(pending.status).toBe('pending');
    const until = Date.parse(pending.pendingUntil);
    expect(until).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + PENDING_SECONDS * 1000);
    expect((await declare(who, 'quá')).status).toBe(409);

    const cancelled = await api.call(who, 'DELETE', `/evidence/${ids[0]}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.evidence.status).toBe('withdrawn');
    expect(await slotsHeldBy(ids[0]!)).toEqual([]);
    expect((await declare(who, 'thay thế')).status).toBe(201);
  });
});

describe('races and late files', () => {
  it('eight rounds of submit racing withdraw never leave a submitted report without its verified evidence', async () => {
    const who = agency('xa-d');
    expect(
      (await api.call(who, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } })).status,
    ).toBe(200);
    const outcomes: string[] = [];
    for (let round = 0; round < 8; round++) {
      const id = await verifiedFile(who, `vòng ${round}`);
      // Odd rounds name the version (If-Match), so the submission may commit on the state this process
      // remembers without reading the report: that commit must carry the same evidence conditions.
      const ifMatch =
        round % 2 === 1
          ? { 'if-match': (await api.call(who, 'GET', `/reports/${YEAR}`)).headers.get('etag')! }
          : undefined;
      const [submitted, withdrawn] = await Promise.all([
        api.call(who, 'POST', `/reports/${YEAR}/submit`, { headers: ifMatch, ...SUBMISSION }),
        api.call(who, 'DELETE', `/evidence/${id}`),
      ]);
      const report = await api.call(auditor, 'GET', `/review/${YEAR}/reports/${who.unitId}`);
      const evidence = await api.call(auditor, 'GET', `/review/${YEAR}/reports/${who.unitId}/evidence`);
      const verified = evidence.json.items.filter((i: { status: string }) => i.status === 'verified');
      if (report.json.status === 'submitted') {
        expect(submitted.status).toBe(200);
        expect(withdrawn.status).toBe(409);
        expect(verified.map((i: { evidenceId: string }) => i.evidenceId)).toContain(id);
        expect(new Set(verified.flatMap((i: { fields: string[] }) => i.fields))).toEqual(
          new Set(fieldsNeedingEvidence()),
        );
        outcomes.push('submitted');
        const back = await api.call(auditor, 'POST', `/review/${YEAR}/reports/${who.unitId}/return`, {
          body: { comments: [{ text: 'Vòng tiếp theo' }] },
        });
        expect(back.status, JSON.stringify(back.json)).toBe(200);
        // Next round starts from no verified evidence again.
        expect((await api.call(who, 'DELETE', `/evidence/${id}`)).status).toBe(200);
      } else {
        expect(withdrawn.status).toBe(200);
        expect(submitted.status).toBeGreaterThanOrEqual(400);
        expect(verified).toEqual([]);
        outcomes.push('withdrawn');
      }
    }
    expect(outcomes).toHaveLength(8);
  });

  it('a file completed after its report was accepted is rejected with the reason, and frees its slot', async () => {
    const who = agency(LATE_UNIT.id);
    await verifiedFile(who, 'đủ hồ sơ');
    const late = (await declare(who, 'đến muộn')).json as Declared;
    const bytes = pdfBytes('đến muộn');
    expect(
      (
        await fetch(late.upload.url, {
          method: 'PUT',
          headers: late.upload.headers,
          body: new Uint8Array(bytes),
        })
      ).status,
    ).toBe(200);
    expect(
      (await api.call(who, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } })).status,
    ).toBe(200);
    expect((await api.call(who, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
    const accepted = await api.call(auditor, 'POST', `/review/${YEAR}/reports/${who.unitId}/accept`, {
      body: { comment: 'Đạt' },
    });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);

    const done = await api.call(who, 'POST', `/evidence/${late.evidence.evidenceId}/complete`);
    expect(done.status).toBe(422);
    expect(done.json.error.code).toBe('EVIDENCE_REJECTED');
    expect(done.json.error.message.en).toMatch(/submitted or accepted before the file was checked/);
    expect(done.json.error.message.vi).toMatch(/đã được nộp hoặc đã được duyệt/);
    expect(await slotsHeldBy(late.evidence.evidenceId)).toEqual([]);
    const list = await api.call(auditor, 'GET', `/review/${YEAR}/reports/${who.unitId}/evidence`);
    const item = list.json.items.find(
      (i: { evidenceId: string }) => i.evidenceId === late.evidence.evidenceId,
    );
    expect(item.status).toBe('rejected');
  });
});

describe('the same file twice', () => {
  const who = agency('xa-f');
  const [field, otherField] = fieldsNeedingEvidence() as [string, string];
  const label = catalog.fields.find((f) => f.code === field)?.label;
  const bytes = pdfBytes('biên bản kiểm tra hai lần');
  const declareFor = (fields: string[], key?: string) =>
    api.call(who, 'POST', `/reports/${YEAR}/evidence`, {
      body: evidenceDeclaration(bytes, { fields }),
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
  const refusedAsDuplicate = async (fields: string[], index: number) => {
    const before = await snapshotTable(api.tableName);
    const res = await declareFor(fields);
    expect(res.status, JSON.stringify(res.json)).toBe(409);
    expect(res.json.error.code).toBe('DUPLICATE_EVIDENCE');
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toEqual([`fields.${index}`]);
    expect(res.json.error.issues[0].message.vi).toContain(label?.vi);
    expect(res.json.error.issues[0].message.en).toContain(label?.en);
    expect(res.json.upload).toBeUndefined();
    expect(await snapshotTable(api.tableName), 'a refused duplicate wrote to the table').toBe(before);
  };

  it('is refused for a field it already backs, waiting or checked, and a retry of the first is its answer', async () => {
    const first = await declareFor([field], 'twice-first-0001');
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const d = first.json as Declared;
    await refusedAsDuplicate([otherField, field], 1);

    // The first declaration's answer was lost and the browser sends it again under its key.
    const retried = await declareFor([field], 'twice-first-0001');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.json.evidence.evidenceId).toBe(d.evidence.evidenceId);

    // The same bytes for a field they do not back yet are a new file.
    const forOther = await declareFor([otherField]);
    expect(forOther.status, JSON.stringify(forOther.json)).toBe(201);

    await uploadVerified(who, d, bytes);
    await refusedAsDuplicate([field], 0);

    // Withdrawn, it backs nothing: the same file may be declared for the field again.
    expect((await api.call(who, 'DELETE', `/evidence/${d.evidence.evidenceId}`)).status).toBe(200);
    expect((await declareFor([field])).status).toBe(201);
  });

  it('is accepted once the waiting declaration of it lapsed with nothing uploaded', async () => {
    const other = agency('xa-g');
    const declareAs = () =>
      api.call(other, 'POST', `/reports/${YEAR}/evidence`, {
        body: evidenceDeclaration(bytes, { fields: [field] }),
      });
    expect((await declareAs()).status).toBe(201);
    expect((await declareAs()).json.error?.code).toBe('DUPLICATE_EVIDENCE');
    await lapse();
    const again = await declareAs();
    expect(again.status, JSON.stringify(again.json)).toBe(201);
  });
});
