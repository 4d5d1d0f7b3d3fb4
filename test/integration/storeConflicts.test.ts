import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceObjectKey, tooManyFiles, type EvidenceItem } from '#shared/domain/evidence';
import { emptyReport, saveDraft } from '#shared/domain/report';
import { AppError } from '#shared/errors';
import { entities } from '#shared/model';
import { startTestApi, type TestApi } from './harness.ts';
import { YEAR } from './fixtures.ts';

/*
 * The store names why a transaction was refused by the condition that failed, read from DynamoDB Local's own
 * CancellationReasons: no mock stands in for the engine here.
 */
let api: TestApi;
// Imported once the harness has set the table's name: the store reads it when loaded.
const loadStore = async () => ({
  ddb: (await import('#shared/store/dynamo')).ddb,
  transact: (await import('#shared/store/transact')).transact,
  evidence: await import('#shared/store/evidence'),
  idempotency: await import('#shared/store/idempotency'),
  reports: await import('#shared/store/reports'),
});
let store: Awaited<ReturnType<typeof loadStore>>;

beforeAll(async () => {
  api = await startTestApi();
  store = await loadStore();
});
afterAll(() => api.stop());

const now = new Date('2026-01-10T00:00:00Z');
let counter = 0;
function evidenceFor(unitId: string): EvidenceItem {
  const evidenceId = `sc-${unitId}-${++counter}`;
  return {
    evidenceId,
    year: YEAR,
    unitId,
    status: 'pending',
    objectKey: evidenceObjectKey(YEAR, unitId, evidenceId),
    uploadedBy: 'agency-user',
    createdAt: now.toISOString(),
    fileName: 'quy-che.pdf',
    contentType: 'application/pdf',
    size: 10,
    sha256: `${'A'.repeat(43)}=`,
    fields: ['staff_total'],
    document: { title: 'Quy chế' },
  };
}

async function submittedReport(unitId: string) {
  const report = { ...emptyReport(YEAR, unitId), status: 'submitted' as const, version: 2, submissions: 1 };
  await store.ddb.send(new PutCommand({ TableName: api.tableName, Item: entities.report.encode(report) }));
}

async function refusal(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as { reason?: string }).reason ?? `not a conflict: ${String(error)}`;
}

describe('named reasons from real cancelled transactions', () => {
  it('the live-file counter at its limit is TOO_MANY_FILES', async () => {
    await store.transact(store.evidence.declareItems(evidenceFor('sc-full'), 1, now));
    expect(await refusal(store.transact(store.evidence.declareItems(evidenceFor('sc-full'), 1, now)))).toBe(
      'TOO_MANY_FILES',
    );
  });

  it('a submitted report is REPORT_LOCKED, though its condition is not the first write', async () => {
    await submittedReport('sc-locked');
    expect(
      await refusal(store.transact(store.evidence.declareItems(evidenceFor('sc-locked'), 30, now))),
    ).toBe('REPORT_LOCKED');
  });

  it('when both fail, the limit is named first', async () => {
    await store.transact(store.evidence.declareItems(evidenceFor('sc-both'), 1, now));
    await submittedReport('sc-both');
    expect(await refusal(store.transact(store.evidence.declareItems(evidenceFor('sc-both'), 1, now)))).toBe(
      'TOO_MANY_FILES',
    );
  });

  it('withdrawing withdrawn evidence is EVIDENCE_NOT_LIVE', async () => {
    const item = evidenceFor('sc-withdraw');
    await store.transact(store.evidence.declareItems(item, 30, now));
    await store.transact(store.evidence.withdrawnItems(item, now));
    expect(await refusal(store.transact(store.evidence.withdrawnItems(item, now)))).toBe('EVIDENCE_NOT_LIVE');
  });

  it('a report that moved past the version read is REPORT_MOVED', async () => {
    const first = saveDraft(emptyReport(YEAR, 'sc-moved'), {}, { sub: 'a', role: 'agency' }, now, {
      year: YEAR,
      opensAt: '2000-01-01T00:00:00Z',
      deadline: '2100-01-01T00:00:00Z',
      lockExceptions: [],
      isDefault: false,
    })!;
    await store.transact(store.reports.transitionItems(0, first));
    expect(await refusal(store.transact(store.reports.transitionItems(0, first)))).toBe('REPORT_MOVED');
  });

  it('commitClaimed throws the domain error the caller named for the reason, and writes nothing', async () => {
    const unitId = 'sc-mapped';
    await store.transact(store.evidence.declareItems(evidenceFor(unitId), 1, now));
    const rejected = await store.idempotency
      .commitClaimed(store.evidence.declareItems(evidenceFor(unitId), 1, now), undefined, {}, now, {
        TOO_MANY_FILES: tooManyFiles(1),
      })
      .catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(AppError);
    expect((rejected as AppError).code).toBe('TOO_MANY_FILES');
    expect(await store.evidence.listEvidence(YEAR, unitId)).toHaveLength(1);
  });

  it('a condition without its reason is refused before anything is sent', async () => {
    const [counterWrite] = store.evidence.declareItems(evidenceFor('sc-unnamed'), 1, now);
    await expect(store.transact([{ item: counterWrite!.item }])).rejects.toThrow(/reason/);
    expect(await store.evidence.listEvidence(YEAR, 'sc-unnamed')).toHaveLength(0);
  });
});
