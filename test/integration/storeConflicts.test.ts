import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceObjectKey, tooManyFiles, type EvidenceItem } from '#shared/domain/evidence';
import { emptyReport, saveDraft } from '#shared/domain/report';
import { AppError, ConflictError } from '#shared/errors';
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
  reportCommands: await import('#shared/store/reportCommands'),
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
    slot: 0,
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
  it('an evidence slot another declaration holds is SLOT_TAKEN', async () => {
    await store.transact(store.evidence.declareItems(evidenceFor('sc-full'), now));
    expect(await refusal(store.transact(store.evidence.declareItems(evidenceFor('sc-full'), now)))).toBe(
      'SLOT_TAKEN',
    );
  });

  it('a slot whose pending holder lapsed is taken over, TTL or not', async () => {
    await store.transact(store.evidence.declareItems(evidenceFor('sc-lapsed'), now, 60));
    const later = new Date(now.getTime() + 61_000);
    await store.transact(store.evidence.declareItems(evidenceFor('sc-lapsed'), later));
    const held = await store.evidence.heldSlots(YEAR, 'sc-lapsed');
    expect(held).toHaveLength(1);
    expect(held[0]!.evidenceId).toBe(`sc-sc-lapsed-${counter}`);
  });

  it('verifying a declaration that lost its slot is SLOT_LOST', async () => {
    const first = evidenceFor('sc-lost');
    await store.transact(store.evidence.declareItems(first, now, 60));
    await store.transact(
      store.evidence.declareItems(evidenceFor('sc-lost'), new Date(now.getTime() + 61_000)),
    );
    expect(await refusal(store.transact(store.evidence.verifiedItems(first, now)))).toBe('SLOT_LOST');
  });

  it('a submitted report is REPORT_LOCKED, though its condition is not the first write', async () => {
    await submittedReport('sc-locked');
    expect(await refusal(store.transact(store.evidence.declareItems(evidenceFor('sc-locked'), now)))).toBe(
      'REPORT_LOCKED',
    );
  });

  it('when both fail, the taken slot is named first', async () => {
    await store.transact(store.evidence.declareItems(evidenceFor('sc-both'), now));
    await submittedReport('sc-both');
    expect(await refusal(store.transact(store.evidence.declareItems(evidenceFor('sc-both'), now)))).toBe(
      'SLOT_TAKEN',
    );
  });

  it('withdrawing withdrawn evidence is EVIDENCE_NOT_LIVE', async () => {
    const item = evidenceFor('sc-withdraw');
    await store.transact(store.evidence.declareItems(item, now));
    await store.transact(store.evidence.withdrawnItems(item, now, true));
    expect(await refusal(store.transact(store.evidence.withdrawnItems(item, now, false)))).toBe(
      'EVIDENCE_NOT_LIVE',
    );
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

  it('a change committed on a remembered state (If-Match, no read) still carries its extra conditions', async () => {
    const unitId = 'sc-known';
    const period = {
      year: YEAR,
      opensAt: '2000-01-01T00:00:00Z',
      deadline: '2100-01-01T00:00:00Z',
      lockExceptions: [],
      isDefault: false,
    };
    const who = { sub: 'a', role: 'agency' } as const;
    const file = evidenceFor(unitId);
    await store.transact(store.evidence.declareItems(file, now));
    await store.transact(store.evidence.verifiedItems(file, now));
    const command = (ifMatch?: number) => ({
      year: YEAR,
      unitId,
      ifMatch,
      now,
      render: () => ({ status: 200 }),
      alsoWrite: async () => [store.evidence.stillVerified(file.evidenceId)],
    });
    // Version 1, committed by this process, so remembered: the next change naming it reads no report.
    await store.reportCommands.changeReport(command(), (s) =>
      saveDraft(s, { staff_total: 1 }, who, now, period),
    );
    let withdrawn = false;
    const outcome = store.reportCommands
      .changeReport(command(1), async (s) => {
        // The file is withdrawn after the change relied on it, before its commit: the commit must be refused.
        if (!withdrawn) await store.transact(store.evidence.withdrawnItems(file, now, true));
        withdrawn = true;
        return saveDraft(s, { staff_total: 2 }, who, now, period);
      })
      .catch((e: unknown) => e);
    expect(await outcome).toBeInstanceOf(ConflictError);
    expect((await store.reports.getReport(YEAR, unitId))?.version).toBe(1);
  });

  it('commitClaimed throws the domain error the caller named for the reason, and writes nothing', async () => {
    const unitId = 'sc-mapped';
    await store.transact(store.evidence.declareItems(evidenceFor(unitId), now));
    const rejected = await store.idempotency
      .commitClaimed(store.evidence.declareItems(evidenceFor(unitId), now), undefined, {}, now, {
        SLOT_TAKEN: tooManyFiles(1),
      })
      .catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(AppError);
    expect((rejected as AppError).code).toBe('TOO_MANY_FILES');
    expect(await store.evidence.listEvidence(YEAR, unitId)).toHaveLength(1);
  });

  it('a condition without its reason is refused before anything is sent', async () => {
    const [slotWrite] = store.evidence.declareItems(evidenceFor('sc-unnamed'), now);
    await expect(store.transact([{ item: slotWrite!.item }])).rejects.toThrow(/reason/);
    expect(await store.evidence.listEvidence(YEAR, 'sc-unnamed')).toHaveLength(0);
  });
});
