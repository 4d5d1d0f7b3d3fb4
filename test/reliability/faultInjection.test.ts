import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { catalogFor, exampleValues, type Catalog } from '#shared/catalog/index';
import { HEAD_OF_AGENCY, verifiedEvidenceItem } from '../integration/fixtures.ts';
import { startApi, type LocalApi } from '../../local/api.ts';
import { startDynamoLocal, type DynamoLocal } from '../../local/dynamo.ts';
import { applyLocalEnv } from '../../local/env.ts';
import { createLocalIssuer, type LocalIssuer } from '../../local/identity.ts';
import { freePort, LOCAL_CLIENT_CONFIG } from '../../local/ports.ts';
import { ensureTable } from '../../local/provision.ts';
import { timelessLevels } from '../integration/fixtures.ts';

/*
 * Fault injection. 1,100 saves and submissions over 100 units (20 of them with a second writer racing the first),
 * each sent by a client that retries with the same Idempotency-Key on network errors, 5xx and 409
 * CONCURRENT_UPDATE. While that runs, DynamoDB Local (on disk) is SIGKILLed and restarted on the same data
 * folder and port, twice, and the local adapter is stopped and started again on its port. Afterwards a Scan of
 * the table must show every acknowledged write exactly once, gapless revision histories, and no half-written
 * report.
 */
const YEAR = 2025;
const catalog = catalogFor(YEAR) as Catalog;
const UNITS = 100;
const SAVES_PER_UNIT = 9;
const RACING_UNITS = 20;
const RACING_SAVES = 5;
const OP_DEADLINE_MS = 90_000;

/** A field no rule or indicator reads: each operation writes a value of its own there, to be found again. */
const marker: string = (() => {
  const mentioned = new Set(
    catalog.rules.flatMap((r) =>
      r.kind === 'compare' ? [...r.left, ...r.right] : [r.when.field, ...r.then],
    ),
  );
  const used = new Set(catalog.indicators.flatMap((i) => [...i.numerator, ...(i.denominator ?? [])]));
  return catalog.fields.find((f) => f.type === 'integer' && !mentioned.has(f.code) && !used.has(f.code))!
    .code;
})();
/** Verified evidence is recorded for every field that may need it, so that every submission can go through. */
const needsEvidence = catalog.fields.filter((f) => f.evidence.rule !== 'none').map((f) => f.code);
/**
 * DynamoDB Local (3.3.0) acknowledges a TransactWriteItems a moment before the write is on disk: SIGKILLed right
 * after the answer, it comes back without the last transaction (PutItem does not have this problem; see
 * bench/README.md for the reproduction). DynamoDB itself is durable once it answers. So a save acknowledged
 * within this window before a kill may be missing afterwards; it must still never be there twice, and the
 * history around it must still be gapless and whole.
 */
const EMULATOR_UNSYNCED_MS = 1000;
const unitId = (i: number) => `fi-${String(i).padStart(3, '0')}`;

interface Op {
  readonly unitId: string;
  readonly kind: 'save' | 'submit';
  readonly key: string;
  /** The marker value a save writes (unique over the run); undefined for a submit. */
  readonly mark?: number;
  outcome?: 'acked' | 'rejected' | 'unknown';
  status?: number;
  ackedVersion?: number;
  code?: string;
  /** The answer was a replay of an earlier attempt's stored result. */
  replayed?: boolean;
  /** How many operations had finished when this one did (to place it against the faults). */
  doneAt?: number;
  ackedAt?: number;
  attempts: number;
}

let dataDir: string;
let dynamo: DynamoLocal;
let dynamoPort: number;
let api: LocalApi;
let apiPort: number;
let issuer: LocalIssuer;
let doc: DynamoDBDocumentClient;
const tableName = `fi-${Date.now().toString(36)}`;

async function startAdapter() {
  api = await startApi({ port: apiPort, issuer, s3Endpoint: inject('s3Endpoint') });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'fault-injection-'));
  dynamoPort = await freePort();
  apiPort = await freePort();
  dynamo = await startDynamoLocal({ port: dynamoPort, dataDir });
  applyLocalEnv({
    tableName,
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: inject('s3Endpoint'),
    bucketPrefix: inject('bucketPrefix'),
  });
  await ensureTable(dynamo.endpoint, tableName);
  doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint: dynamo.endpoint }),
  );
  const { loadHierarchy } = await import('#shared/store/units');
  await loadHierarchy(
    timelessLevels,
    Array.from({ length: UNITS }, (_, i) => ({
      id: unitId(i),
      code: `FI${i}`,
      name: { vi: `Đơn vị ${i}`, en: `Unit ${i}` },
      level: 'commune' as const,
      reports: true,
      validFrom: '2000-01-01',
    })),
  );
  // Verified evidence for every field that needs it, as the evidence flow records after checking an upload.
  for (let i = 0; i < UNITS; i++) {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: verifiedEvidenceItem({
          evidenceId: `ev-${unitId(i)}`,
          year: YEAR,
          unitId: unitId(i),
          fields: needsEvidence,
        }),
      }),
    );
  }
  issuer = await createLocalIssuer({ issuer: 'http://127.0.0.1/fault-injection' });
  await startAdapter();
  const admin = await issuer.sign({ sub: 'fi-admin', role: 'admin' });
  const opened = await fetch(`${api.url}/periods/${YEAR}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      opensAt: `${YEAR}-01-01T00:00:00+07:00`,
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    }),
  });
  expect(opened.status).toBe(200);
});

afterAll(async () => {
  await api?.stop().catch(() => undefined);
  doc?.destroy();
  await dynamo?.stop().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one operation until it gets a definite answer, reusing its Idempotency-Key on every try. */
async function perform(op: Op, token: string): Promise<void> {
  const path = op.kind === 'save' ? `/reports/${YEAR}` : `/reports/${YEAR}/submit`;
  const body =
    op.kind === 'save'
      ? JSON.stringify({ values: { ...exampleValues(catalog), [marker]: op.mark } })
      : JSON.stringify(HEAD_OF_AGENCY);
  const deadline = Date.now() + OP_DEADLINE_MS;
  while (Date.now() < deadline) {
    op.attempts += 1;
    try {
      const res = await fetch(`http://127.0.0.1:${apiPort}${path}`, {
        method: op.kind === 'save' ? 'PUT' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': op.key,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(15_000),
      });
      const json = (await res.json().catch(() => undefined)) as
        { version?: number; error?: { code?: string } } | undefined;
      op.status = res.status;
      op.code = json?.error?.code;
      if (res.status >= 200 && res.status < 300) {
        op.outcome = 'acked';
        op.ackedVersion = json?.version;
        op.replayed = res.headers.get('idempotent-replayed') === 'true';
        op.ackedAt = Date.now();
        return;
      }
      const retryable =
        res.status >= 500 || (res.status === 409 && json?.error?.code === 'CONCURRENT_UPDATE');
      if (!retryable) {
        op.outcome = 'rejected';
        return;
      }
    } catch {
      // Connection refused or reset while the adapter restarts, or a timeout: the outcome is unknown; retry.
    }
    await sleep(50 + Math.random() * 250 * Math.min(op.attempts, 6));
  }
  op.outcome = 'unknown';
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

it('keeps every acknowledged save exactly once, with gapless histories, through DynamoDB Local and adapter restarts', async () => {
  let mark = 1;
  const chains: Op[][] = [];
  for (let i = 0; i < UNITS; i++) {
    const chain: Op[] = Array.from({ length: SAVES_PER_UNIT }, (_, s) => ({
      unitId: unitId(i),
      kind: 'save',
      key: `fi-${i}-save-${s}`,
      mark: mark++,
      attempts: 0,
    }));
    chain.push({ unitId: unitId(i), kind: 'submit', key: `fi-${i}-submit`, attempts: 0 });
    chains.push(chain);
    if (i < RACING_UNITS) {
      chains.push(
        Array.from({ length: RACING_SAVES }, (_, s) => ({
          unitId: unitId(i),
          kind: 'save' as const,
          key: `fi-${i}-racer-${s}`,
          mark: mark++,
          attempts: 0,
        })),
      );
    }
  }
  const ops = chains.flat();
  expect(ops.length).toBeGreaterThanOrEqual(1000);
  const tokens = new Map<string, string>();
  for (let i = 0; i < UNITS; i++)
    tokens.set(unitId(i), await issuer.sign({ sub: `fi-agency-${i}`, role: 'agency', unitId: unitId(i) }));

  let finished = 0;
  const load = Promise.all(
    chains.map(async (chain) => {
      for (const op of chain) {
        await perform(op, tokens.get(op.unitId) as string);
        finished += 1;
        op.doneAt = finished;
      }
    }),
  );
  const until = async (fraction: number) => {
    const deadline = Date.now() + 120_000;
    while (finished < ops.length * fraction && Date.now() < deadline) await sleep(20);
  };
  const faults: string[] = [];
  // Each kill, from just before the signal to the moment the new DynamoDB Local answers.
  const kills: { at: number; back: number }[] = [];
  const restartDynamo = async () => {
    const at = Date.now();
    dynamo.process.kill('SIGKILL');
    await new Promise((r) => dynamo.process.once('exit', r));
    dynamo = await startDynamoLocal({ port: dynamoPort, dataDir });
    kills.push({ at, back: Date.now() });
    faults.push(`DynamoDB Local SIGKILLed and restarted at ${finished}/${ops.length}`);
  };
  await until(0.2);
  await restartDynamo();
  await until(0.45);
  await api.stop();
  await sleep(300);
  await startAdapter();
  faults.push(`adapter restarted at ${finished}/${ops.length}`);
  await until(0.7);
  await restartDynamo();
  await load;
  expect(faults).toHaveLength(3);

  const items = await scanAll();
  const reports = new Map<string, Record<string, unknown>>();
  const revisions = new Map<string, Record<string, unknown>[]>();
  for (const item of items) {
    if (item.entity === 'report') reports.set(item.unitId as string, item);
    if (item.entity === 'revision') {
      const list = revisions.get(item.unitId as string) ?? [];
      list.push(item);
      revisions.set(item.unitId as string, list);
    }
  }

  // Every check below collects what it finds, so one run shows every violation at once.
  const violations: string[] = [];
  const fail = (what: string) => {
    if (violations.length < 20) violations.push(what);
  };

  // No report is half-written, and every history is gapless.
  for (const [unit, report] of reports) {
    const revs = (revisions.get(unit) ?? []).sort((a, b) => (a.version as number) - (b.version as number));
    const versions = revs.map((r) => r.version as number);
    if (versions.some((v, i) => v !== i + 1)) fail(`${unit}: history has gaps: ${versions.join(',')}`);
    const latest = revs[revs.length - 1];
    if (!latest) fail(`${unit}: a report without revisions`);
    else {
      if (report.version !== latest.version)
        fail(`${unit}: current version ${report.version}, latest revision ${latest.version}`);
      if (JSON.stringify(report.values) !== JSON.stringify(latest.values))
        fail(`${unit}: current values differ from revision ${latest.version}`);
      if (report.status !== latest.status)
        fail(`${unit}: current status ${report.status}, revision ${latest.status}`);
    }
  }
  for (const unit of revisions.keys()) if (!reports.has(unit)) fail(`${unit}: revisions without a report`);

  // Every acknowledged save is there exactly once, at the version it was acknowledged with; a rejected one
  // is not there at all, and one whose outcome stayed unknown is there at most once.
  const revisionsWithMark = (op: Op) =>
    (revisions.get(op.unitId) ?? []).filter(
      (r) => r.action === 'save' && (r.values as Record<string, unknown>)[marker] === op.mark,
    );
  const counts = { acked: 0, rejected: 0, unknown: 0, retried: 0, replayed: 0, lostByEmulator: 0 };
  // An answer that reaches the client after the signal but before the new process is up was sent by the killed
  // one just before it died: the same unsynced window.
  const justBeforeKill = (op: Op) =>
    op.ackedAt !== undefined &&
    kills.some((k) => op.ackedAt! >= k.at - EMULATOR_UNSYNCED_MS && op.ackedAt! < k.back);
  const rejectedStatuses: Record<string, number> = {};
  for (const op of ops) {
    counts[op.outcome ?? 'unknown'] += 1;
    if (op.attempts > 1) counts.retried += 1;
    if (op.replayed) counts.replayed += 1;
    if (op.outcome === 'rejected') {
      const k = `${op.kind} ${op.status} ${op.code ?? ''}`.trim();
      rejectedStatuses[k] = (rejectedStatuses[k] ?? 0) + 1;
    }
    const where = () => {
      const revs = (revisions.get(op.unitId) ?? []).sort(
        (a, b) => (a.version as number) - (b.version as number),
      );
      const at = revs.find((r) => r.version === op.ackedVersion);
      return (
        `acked as v${op.ackedVersion} at op #${op.doneAt} after ${op.attempts} attempt(s)` +
        `${op.replayed ? ' (replayed)' : ''}; history ${revs.map((r) => `${r.version}:${r.action}:${(r.values as Record<string, unknown>)[marker]}`).join(' ')}` +
        `${at ? '' : ' (no revision at that version)'}`
      );
    };
    if (op.kind === 'submit') {
      const submits = (revisions.get(op.unitId) ?? []).filter((r) => r.action === 'submit');
      if (op.outcome === 'acked' && submits.length !== 1)
        fail(`${op.key}: ${submits.length} submits; ${where()}`);
      if (op.outcome !== 'acked' && submits.length > 1) fail(`${op.key}: ${submits.length} submits`);
      continue;
    }
    const found = revisionsWithMark(op);
    if (op.outcome === 'acked') {
      if (found.length === 0 && justBeforeKill(op)) counts.lostByEmulator += 1;
      else if (found.length !== 1)
        fail(`${op.key} (mark ${op.mark}): found ${found.length} times; ${where()}`);
      else if (found[0]?.version !== op.ackedVersion)
        fail(`${op.key}: acked as v${op.ackedVersion}, stored as v${found[0]?.version}`);
    } else if (op.outcome === 'rejected') {
      if (found.length) fail(`${op.key}: refused with ${op.status} but stored`);
    } else if (found.length > 1) fail(`${op.key}: outcome unknown, stored ${found.length} times`);
  }
  const summary = JSON.stringify({ ops: ops.length, ...counts, rejectedStatuses, faults });
  console.info('fault injection:', summary);
  expect(violations, summary).toEqual([]);
  // The run is only meaningful if the faults hit live traffic and most operations still got through.
  expect(counts.retried, summary).toBeGreaterThan(0);
  expect(counts.acked, summary).toBeGreaterThanOrEqual(ops.length * 0.85);
}, 300_000);
