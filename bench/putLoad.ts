import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { reportResult } from '#shared/api/reportView';
import type { Period } from '#shared/domain/period';
import { emptyReport, saveDraft, type ReportState } from '#shared/domain/report';
import { keys } from '#shared/model';
import { claimFor, claimItem } from '#shared/store/idempotency';
import { transitionItems } from '#shared/store/reports';
import { BENCH_YEAR, benchCatalog, valuesWith } from './lib/data.ts';
import { percentile } from './lib/stats.ts';

/*
 * The write-path baselines, in a process of their own like the API, `concurrency` at a time for `seconds`,
 * against the same table. Prints one JSON line. Modes:
 * - `put`: conditional PutItems (attribute_not_exists(pk)) of an item of a report's shape and size, fresh keys;
 * - `transact`: the bare TransactWriteItems of a save, with the very items a save commits: the report's current
 *   item conditioned on the version (and time) it moves from, its new revision and the idempotency claim with
 *   the answer it keeps, built by the domain's saveDraft and the store's own transitionItems and claimItem.
 *   Each worker moves its own reports on, one version per transaction, as an agency's autosave does;
 * - `get`: a consistent GetItem of an existing item, the read a save makes when it does not know the version.
 * Usage: putLoad.ts <concurrency> <seconds> <runTag> [put|get|transact]
 */
const [concurrency, seconds, tag, mode = 'put'] = process.argv.slice(2) as [string, string, string, string?];
const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, maxAttempts: 1 }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const TABLE = process.env.TABLE_NAME as string;
const latencies: number[] = [];
let ok = 0;
let errors = 0;
let next = 0;
const values = valuesWith(1);
const OPEN: Period = {
  year: BENCH_YEAR,
  opensAt: '2000-01-01T00:00:00Z',
  deadline: '2100-01-01T00:00:00Z',
  lockExceptions: [],
  isDefault: false,
};
/** Reports a worker moves on in turn, so that no two transactions race for one report. */
const REPORTS_PER_WORKER = 32;
const reports = new Map<string, ReportState>();
/** The answer a claim keeps, rendered once per report: its size is what the transaction carries. */
const answers = new Map<string, ReturnType<typeof reportResult>>();

/** A save's three items for the worker's n-th transaction: built before its clock starts. */
function saveItems(worker: number, n: number) {
  const unitId = `tx-${tag}-${worker}-${n % REPORTS_PER_WORKER}`;
  const from = reports.get(unitId) ?? emptyReport(BENCH_YEAR, unitId);
  const actor = { sub: `bench-${unitId}`, role: 'agency' as const };
  const t = saveDraft(from, valuesWith(n + 1), actor, new Date(), OPEN);
  if (!t) throw new Error('a bench save changed nothing');
  let answer = answers.get(unitId);
  if (!answer) {
    answer = reportResult(
      t.next,
      { year: BENCH_YEAR, unitId, catalog: benchCatalog, period: OPEN },
      new Date(),
      'unit',
    );
    answers.set(unitId, answer);
  }
  const claim = claimFor(actor.sub, `bench-${tag}-${worker}-${n}`, 'fingerprint');
  const items = [
    ...transitionItems(from.version, t, { unchangedSince: from.updatedAt }),
    claimItem(claim, answer, new Date()),
  ].map((w) => w.item);
  return { items, landed: () => reports.set(unitId, t.next) };
}

/** Each worker's transactions so far, warm-up included, so that every one changes its report. */
const done = new Map<number, number>();

async function worker(deadline: number, id: number) {
  while (Date.now() < deadline) {
    const n = next++;
    const unitId = `put-${tag}-${n}`;
    const mine = done.get(id) ?? 0;
    done.set(id, mine + 1);
    const save = mode === 'transact' ? saveItems(id, mine) : undefined;
    const started = performance.now();
    const item = {
      ...keys.report(BENCH_YEAR, unitId),
      ...keys.reportYearIndex(BENCH_YEAR + 1000, unitId),
      entity: 'bench-put',
      year: BENCH_YEAR,
      unitId,
      status: 'draft',
      version: 1,
      values,
      updatedAt: new Date().toISOString(),
    };
    try {
      if (mode === 'get') {
        await ddb.send(
          new GetCommand({ TableName: TABLE, Key: keys.period(BENCH_YEAR), ConsistentRead: true }),
        );
      } else if (save) {
        await ddb.send(new TransactWriteCommand({ TransactItems: save.items }));
        save.landed();
      } else {
        await ddb.send(
          new PutCommand({ TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      }
      ok += 1;
      latencies.push(performance.now() - started);
    } catch {
      errors += 1;
    }
  }
}

// A short warm-up, as the API gets one, then the measured run.
await Promise.all(Array.from({ length: Number(concurrency) }, (_, i) => worker(Date.now() + 2000, i)));
ok = 0;
errors = 0;
latencies.length = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, (_, i) => worker(Date.now() + Number(seconds) * 1000, i)),
);
const elapsed = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    requests: ok,
    errors,
    seconds: elapsed,
    rps: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  })}\n`,
);
ddb.destroy();
