import { randomUUID } from 'node:crypto';
import { BENCH_YEAR, benchLevels, communeUnits, districtUnits, valuesWith } from './lib/data.ts';
import { childResult, spawnTsx, startApiChild, type BenchStack } from './lib/benchStack.ts';
import { runLoad, type LoadFigures } from './lib/load.ts';
import { cpuSecondsOf, log, ratio, round } from './lib/stats.ts';

export const WRITE_RATIO_GOAL = 0.5;

interface PutFigures {
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

export interface WritePathResult {
  readonly connections: number;
  readonly seconds: number;
  readonly units: number;
  readonly save: LoadFigures;
  readonly putItem: { readonly before: PutFigures; readonly after: PutFigures; readonly rps: number };
  readonly ratio: number;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
  /** A save's storage calls measured alone at the same concurrency: where the time goes. */
  readonly anatomy: {
    readonly getItem: PutFigures;
    readonly transactWrite3: PutFigures;
    /** CPU time per save in the API process and in DynamoDB Local's JVM (2 cores shared by both). */
    readonly cpuMsPerSave: { readonly api: number; readonly dynamoLocal: number };
  };
}

async function putBaseline(
  connections: number,
  seconds: number,
  tag: string,
  mode: 'put' | 'get' | 'transact' = 'put',
): Promise<PutFigures> {
  const child = spawnTsx('putLoad.ts', [String(connections), String(seconds), tag, mode]);
  return childResult<PutFigures>(child, (seconds + 60) * 1000);
}

/**
 * PUT /reports/{year} through the local adapter (its own process) under autocannon, each request from one of
 * `units` agency identities with a fresh Idempotency-Key and a changed value, so that every 2xx is a real
 * transactional write (report + revision + idempotency claim). Compared with plain conditional PutItems at
 * the same concurrency, measured before and after in the same run.
 */
export async function writePath(
  stack: BenchStack,
  opts: { connections: number; seconds: number; units: number },
): Promise<WritePathResult> {
  const { loadHierarchy } = await import('#shared/store/units');
  await loadHierarchy(benchLevels, [...districtUnits(10), ...communeUnits(0, opts.units, 10)]);
  const api = await startApiChild(stack);
  try {
    const adminToken = await stack.issuer.sign({ sub: 'bench-admin', role: 'admin' });
    const opened = await fetch(`${api.url}/periods/${BENCH_YEAR}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        opensAt: `${BENCH_YEAR}-01-01T00:00:00+07:00`,
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      }),
    });
    if (opened.status !== 200)
      throw new Error(`PUT /periods failed: ${opened.status} ${await opened.text()}`);
    const tokens = await Promise.all(
      communeUnits(0, opts.units, 10).map((u) =>
        stack.issuer.sign({ sub: `bench-${u.id}`, role: 'agency', unitId: u.id }),
      ),
    );
    let n = 0;
    const next = () => {
      const i = n++;
      return {
        method: 'PUT',
        path: `/reports/${BENCH_YEAR}`,
        headers: {
          authorization: `Bearer ${tokens[i % tokens.length]}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-${randomUUID()}`,
        },
        body: JSON.stringify({ values: valuesWith(i + 1) }),
      };
    };

    log('write path: PutItem baseline (before)');
    const before = await putBaseline(opts.connections, opts.seconds, 'a');
    log(`write path: PutItem ${round(before.rps, 1)} req/s; warming the API up`);
    await runLoad({ url: api.url, connections: opts.connections, seconds: 3, next });
    log(`write path: PUT /reports/${BENCH_YEAR} for ${opts.seconds} s at ${opts.connections} connections`);
    const cpuBefore = { api: cpuSecondsOf(api.child.pid), dynamo: cpuSecondsOf(stack.dynamo.process.pid) };
    const save = await runLoad({ url: api.url, connections: opts.connections, seconds: opts.seconds, next });
    const cpuMsPerSave = {
      api: round(((cpuSecondsOf(api.child.pid) - cpuBefore.api) * 1000) / save.requests),
      dynamoLocal: round(
        ((cpuSecondsOf(stack.dynamo.process.pid) - cpuBefore.dynamo) * 1000) / save.requests,
      ),
    };
    log(`write path: save ${round(save.rps, 1)} req/s (${JSON.stringify(save.statusCodes)}); PutItem again`);
    const after = await putBaseline(opts.connections, opts.seconds, 'b');
    log('write path: anatomy (GetItem alone, TransactWriteItems of 3 alone)');
    const getItem = await putBaseline(opts.connections, Math.ceil(opts.seconds / 2), 'c', 'get');
    const transactWrite3 = await putBaseline(opts.connections, Math.ceil(opts.seconds / 2), 'd', 'transact');
    const short = (f: PutFigures) => ({ ...f, rps: round(f.rps, 1), p50: round(f.p50), p99: round(f.p99) });
    const putRps = (before.rps + after.rps) / 2;
    const putP50 = (before.p50 + after.p50) / 2;
    const putP99 = (before.p99 + after.p99) / 2;
    return {
      connections: opts.connections,
      seconds: opts.seconds,
      units: opts.units,
      save: { ...save, rps: round(save.rps, 1) },
      putItem: {
        before: short(before),
        after: short(after),
        rps: round(putRps, 1),
      },
      ratio: ratio(save.rps, putRps),
      p50Ratio: ratio(save.p50, putP50),
      p99Ratio: ratio(save.p99, putP99),
      anatomy: { getItem: short(getItem), transactWrite3: short(transactWrite3), cpuMsPerSave },
    };
  } finally {
    await api.stop();
  }
}
