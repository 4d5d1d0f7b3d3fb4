import { randomUUID } from 'node:crypto';
import { BENCH_YEAR, benchLevels, communeUnits, districtUnits, valuesWith } from './lib/data.ts';
import { childResult, spawnTsx, startApiChild, type BenchStack } from './lib/benchStack.ts';
import { openBenchPeriod } from './lib/period.ts';
import { runLoad, type LoadFigures } from './lib/load.ts';
import { cpuSecondsOf, log, ratio, round } from './lib/stats.ts';

/** A save against the bare TransactWriteItems of its own three items (issue 21's goals). */
export const SAVE_TO_TRANSACTION_RPS_GOAL = 0.8;
export const SAVE_TO_TRANSACTION_P99_GOAL = 1.5;

interface StorageFigures {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

/** A baseline measured once before the save load and once after; the figures compared are the means. */
interface Bracketing {
  readonly before: StorageFigures;
  readonly after: StorageFigures;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** DynamoDB Local's CPU time per request while this baseline ran (before and after together). */
  readonly dynamoLocalCpuMs: number;
}

export interface WritePathResult {
  readonly connections: number;
  readonly seconds: number;
  readonly units: number;
  readonly save: LoadFigures;
  /** The bare TransactWriteItems of a save's own items (report, revision, claim), at the same concurrency. */
  readonly transaction: Bracketing;
  readonly transactionRatio: number;
  readonly transactionP99Ratio: number;
  readonly putItem: Bracketing;
  readonly ratio: number;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** Where a save's time goes, measured alone at the same concurrency. */
  readonly anatomy: {
    /** The read a save makes when its function does not know the version the client edited. */
    readonly getItem: StorageFigures;
    /** CPU time per save in the API process and in DynamoDB Local's JVM (2 cores shared by both). */
    readonly cpuMsPerSave: { readonly api: number; readonly dynamoLocal: number };
    /** Saves answered 412 because the bench client's version was stale (none expected). */
    readonly stale: number;
  };
}

async function storageLoad(
  stack: BenchStack,
  opts: { connections: number; seconds: number; tag: string; mode: 'put' | 'get' | 'transact' },
): Promise<StorageFigures & { dynamoCpuSeconds: number }> {
  const cpu = cpuSecondsOf(stack.dynamo.process.pid);
  const child = spawnTsx('putLoad.ts', [String(opts.connections), String(opts.seconds), opts.tag, opts.mode]);
  const figures = await childResult<StorageFigures>(child, (opts.seconds + 60) * 1000);
  return { ...figures, dynamoCpuSeconds: cpuSecondsOf(stack.dynamo.process.pid) - cpu };
}

const short = (f: StorageFigures): StorageFigures => ({
  requests: f.requests,
  errors: f.errors,
  seconds: round(f.seconds, 1),
  rps: round(f.rps, 1),
  p50: round(f.p50),
  p99: round(f.p99),
});

function bracketing(
  before: StorageFigures & { dynamoCpuSeconds: number },
  after: StorageFigures & { dynamoCpuSeconds: number },
): Bracketing {
  return {
    before: short(before),
    after: short(after),
    rps: round((before.rps + after.rps) / 2, 1),
    p50: round((before.p50 + after.p50) / 2),
    p99: round((before.p99 + after.p99) / 2),
    dynamoLocalCpuMs: round(
      ((before.dynamoCpuSeconds + after.dynamoCpuSeconds) * 1000) / (before.requests + after.requests),
    ),
  };
}

/**
 * PUT /reports/{year} through the local adapter (its own process) under autocannon, as the web form's autosave
 * sends it: each request from one of `units` agency identities, with a changed value, a fresh Idempotency-Key
 * and If-Match naming the version its unit's last answer gave ("v0" before the first). Every 2xx is a real
 * commit of report, revision and claim. Compared, at the same concurrency on the same DynamoDB Local, with the
 * bare TransactWriteItems of those same items and with conditional PutItems, each measured before and after.
 */
export async function writePath(
  stack: BenchStack,
  opts: { connections: number; seconds: number; units: number },
): Promise<WritePathResult> {
  const { loadHierarchy } = await import('#shared/store/units');
  await loadHierarchy(benchLevels, [...districtUnits(10), ...communeUnits(0, opts.units, 10)]);
  const api = await startApiChild(stack);
  try {
    await openBenchPeriod(stack, api.url);
    const units = communeUnits(0, opts.units, 10);
    const tokens = await Promise.all(
      units.map((u) => stack.issuer.sign({ sub: `bench-${u.id}`, role: 'agency', unitId: u.id })),
    );
    // The version each unit's last answer gave; dropped when an answer was not a save, so that the next request
    // for that unit goes without If-Match, as the form does after reloading. Units come round in turn, so no two
    // requests in flight are for one unit.
    const versions = new Map<number, number | undefined>();
    let stale = 0;
    let n = 0;
    const next = (context: Record<string, unknown>) => {
      const i = n++;
      const unit = i % units.length;
      context.unit = unit;
      const version = versions.has(unit) ? versions.get(unit) : 0;
      return {
        method: 'PUT',
        path: `/reports/${BENCH_YEAR}`,
        headers: {
          authorization: `Bearer ${tokens[unit]}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-${randomUUID()}`,
          ...(version === undefined ? {} : { 'if-match': `"v${version}"` }),
        },
        body: JSON.stringify({ values: valuesWith(i + 1) }),
      };
    };
    const onResponse = (status: number, body: string, context: Record<string, unknown>) => {
      const unit = context.unit as number;
      if (status === 412) stale += 1;
      versions.set(unit, status === 200 ? (JSON.parse(body) as { version: number }).version : undefined);
    };
    const load = (seconds: number) =>
      runLoad({ url: api.url, connections: opts.connections, seconds, next, onResponse });
    const baseline = (tag: string, mode: 'put' | 'get' | 'transact', seconds = opts.seconds) =>
      storageLoad(stack, { connections: opts.connections, seconds, tag, mode });

    log('write path: PutItem and a save’s bare transaction (before)');
    const putBefore = await baseline('a', 'put');
    const txBefore = await baseline('a', 'transact');
    log(
      `write path: PutItem ${round(putBefore.rps, 1)} req/s, transaction ${round(txBefore.rps, 1)} req/s; warming the API up`,
    );
    await load(3);
    stale = 0;
    log(`write path: PUT /reports/${BENCH_YEAR} for ${opts.seconds} s at ${opts.connections} connections`);
    const cpuBefore = { api: cpuSecondsOf(api.child.pid), dynamo: cpuSecondsOf(stack.dynamo.process.pid) };
    const save = await load(opts.seconds);
    const cpuMsPerSave = {
      api: round(((cpuSecondsOf(api.child.pid) - cpuBefore.api) * 1000) / save.requests),
      dynamoLocal: round(
        ((cpuSecondsOf(stack.dynamo.process.pid) - cpuBefore.dynamo) * 1000) / save.requests,
      ),
    };
    const staleInRun = stale;
    log(
      `write path: save ${round(save.rps, 1)} req/s (${JSON.stringify(save.statusCodes)}); baselines again`,
    );
    const txAfter = await baseline('b', 'transact');
    const putAfter = await baseline('b', 'put');
    log('write path: anatomy (a consistent GetItem alone)');
    const getItem = await baseline('c', 'get', Math.ceil(opts.seconds / 2));
    const transaction = bracketing(txBefore, txAfter);
    const putItem = bracketing(putBefore, putAfter);
    return {
      connections: opts.connections,
      seconds: opts.seconds,
      units: opts.units,
      save: { ...save, rps: round(save.rps, 1) },
      transaction,
      transactionRatio: ratio(save.rps, transaction.rps),
      transactionP99Ratio: ratio(save.p99, transaction.p99),
      putItem,
      ratio: ratio(save.rps, putItem.rps),
      p50Ratio: ratio(save.p50, putItem.p50),
      p99Ratio: ratio(save.p99, putItem.p99),
      anatomy: { getItem: short(getItem), cpuMsPerSave, stale: staleInRun },
    };
  } finally {
    await api.stop();
  }
}
