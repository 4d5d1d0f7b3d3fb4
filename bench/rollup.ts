import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { defaultPeriod } from '#shared/domain/period';
import { emptyReport, saveDraft, submit } from '#shared/domain/report';
import type { Unit } from '#shared/hierarchy';
import { jobNodeFlags, jobs } from '#shared/jobs';
import { benchLevels, communeUnits, districtUnits, ROLLUP_YEAR, valuesWith } from './lib/data.ts';
import { childResult, spawnTsx, type BenchStack } from './lib/benchStack.ts';
import { log, ratio, round } from './lib/stats.ts';

/** Issue 15's goals: the rollup's fixed work weighs more at 10k units than at 100k, so the smaller size gets more room. */
export const rollupTimeGoal = (units: number): number => (units >= 100_000 ? 1.3 : 1.5);
export const ROLLUP_RSS_GOAL = 1.2;

interface PassFigures {
  readonly mode: 'read' | 'rollup';
  readonly ms: number;
  /** The child's CPU time over the timed span (all its threads): beside `ms`, how much was its own work. */
  readonly cpuMs?: number;
  readonly maxRssKiB: number;
  readonly items: number;
  readonly retainedHeapMiB?: number;
  readonly peaks?: { heapTotalMiB: number; heapUsedMiB: number; externalMiB: number };
}

export interface RollupSize {
  readonly units: number;
  readonly reports: number;
  readonly loadSeconds: number;
  readonly read: PassFigures[];
  readonly rollup: PassFigures[];
  readonly readMs: number;
  readonly rollupMs: number;
  readonly timeRatio: number;
  readonly readMaxRssMiB: number;
  readonly rollupMaxRssMiB: number;
}

export interface RollupResult {
  readonly sizes: RollupSize[];
  /** Rollup peak RSS at the largest size over that at the smallest. */
  readonly rssRatio?: number;
  /** The Node.js flags both passes ran with (the rollup function's heap limit, and any diagnostics). */
  readonly nodeFlags?: readonly string[];
  readonly error?: string;
}

/**
 * The items the store writes for a unit's report of a year, built by the domain's own transitions and the
 * store's own transitionItems: 1 in 10 units has no report, 2 in 10 a draft, the rest a submitted report.
 */
async function reportItemsFor(units: readonly Unit[], year: number): Promise<Record<string, unknown>[]> {
  const { transitionItems } = await import('#shared/store/reports');
  const period = defaultPeriod(year);
  const now = new Date(`${year}-06-01T00:00:00Z`);
  const out: Record<string, unknown>[] = [];
  units.forEach((unit, i) => {
    const kind = i % 10;
    if (kind === 0) return;
    const actor = { sub: `bench-${unit.id}`, role: 'agency' as const };
    const draft = saveDraft(emptyReport(year, unit.id), valuesWith(i + year, year), actor, now, period);
    if (!draft) return;
    const t =
      kind <= 2
        ? draft
        : submit(draft.next, actor, now, period, [], {
            attestation: { headName: 'Nguyễn Văn An', headTitle: 'Thủ trưởng cơ quan' },
            evidenceByField: {},
          });
    const from = kind <= 2 ? 0 : 1;
    const put = transitionItems(from, t)[0]?.item.Put;
    if (put?.Item) out.push(put.Item as Record<string, unknown>);
  });
  return out;
}

/** BatchWriteItem, 25 at a time, `parallel` batches in flight, retrying unprocessed items, with progress. */
async function batchLoad(
  items: readonly Record<string, unknown>[],
  opts: { parallel: number; deadline: number; label: string },
): Promise<void> {
  const { ddb, tableName } = await import('#shared/store/dynamo');
  const table = tableName();
  let next = 0;
  let done = 0;
  let lastLog = Date.now();
  const worker = async () => {
    for (;;) {
      const start = next;
      next += 25;
      if (start >= items.length) return;
      let requests = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (Date.now() > opts.deadline) throw new Error(`loading ${opts.label} ran past its time budget`);
        const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
        requests = (res.UnprocessedItems?.[table] ?? []) as typeof requests;
        if (requests.length) await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
      }
      done += Math.min(25, items.length - start);
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`rollup: loading ${opts.label}: ${done}/${items.length}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.parallel }, worker));
}

/**
 * Node flags for the measured children: the rollup function's own, from its job row (the heap limit it has in
 * Lambda), for both passes so the baseline runs under the same limit; `BENCH_ROLLUP_NODE_ARGS` adds
 * diagnostics (--cpu-prof, --expose-gc) or overrides the limit.
 */
const rollupJob = jobs.find((j) => j.id === 'rollupYear');
if (!rollupJob) throw new Error('No rollupYear row in shared/jobs.ts');
export const ROLLUP_NODE_FLAGS = jobNodeFlags(rollupJob);
const childNodeArgs = [
  ...ROLLUP_NODE_FLAGS,
  ...(process.env.BENCH_ROLLUP_NODE_ARGS ?? '').split(' ').filter(Boolean),
];

/** One measured pass in a fresh child; `nodeArgs` replaces the flags (for diagnostics). */
export async function pass(mode: 'read' | 'rollup', nodeArgs = childNodeArgs): Promise<PassFigures> {
  const child = spawnTsx(
    'rollupChild.ts',
    [mode, String(ROLLUP_YEAR)],
    { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    nodeArgs,
  );
  const r = await childResult<PassFigures>(child, 10 * 60_000);
  log(
    `rollup: ${mode} ${r.items} items in ${round(r.ms / 1000)} s` +
      (r.cpuMs === undefined ? '' : ` (CPU ${round(r.cpuMs / 1000)} s)`) +
      `, peak RSS ${round(r.maxRssKiB / 1024, 1)} MiB` +
      (r.peaks
        ? ` (V8 heap ${r.peaks.heapTotalMiB}, in use ${r.peaks.heapUsedMiB}, external ${r.peaks.externalMiB} MiB)`
        : '') +
      (r.retainedHeapMiB === undefined ? '' : `, heap after GC ${round(r.retainedHeapMiB, 1)} MiB`),
  );
  return r;
}

/**
 * Loads units and reports into DynamoDB Local in growing steps (10k, then 90k more for 100k) and at each size
 * runs the rollup and the plain read, each in a fresh child process, alternating, `repeats` times.
 */
export async function rollupBench(
  stack: BenchStack,
  opts: { sizes: readonly number[]; repeats: readonly number[]; loadBudgetSeconds: number },
): Promise<RollupResult> {
  void stack;
  const { loadHierarchy, unitItem } = await import('#shared/store/units');
  await loadHierarchy(benchLevels, districtUnits(100));
  const sizes: RollupSize[] = [];
  let loaded = 0;
  let reports = 0;
  try {
    for (const [k, size] of opts.sizes.entries()) {
      const started = Date.now();
      const deadline = started + opts.loadBudgetSeconds * 1000;
      const units = communeUnits(loaded, size);
      // The items loadHierarchy writes (shared/store/units.ts), loaded in parallel batches.
      const unitItems = units.map(unitItem);
      // The rollup reads two years: this one, and last year's reports for the change against it.
      const reportItems = [
        ...(await reportItemsFor(units, ROLLUP_YEAR)),
        ...(await reportItemsFor(units, ROLLUP_YEAR - 1)),
      ];
      log(`rollup: loading ${units.length} units and ${reportItems.length} reports (to ${size} units)`);
      await batchLoad(unitItems, { parallel: 6, deadline, label: 'units' });
      await batchLoad(reportItems, { parallel: 6, deadline, label: 'reports' });
      loaded = size;
      reports += reportItems.length;
      const loadSeconds = round((Date.now() - started) / 1000, 1);
      log(`rollup: loaded in ${loadSeconds} s; measuring at ${size} units`);
      const read: PassFigures[] = [];
      const rollup: PassFigures[] = [];
      for (let i = 0; i < (opts.repeats[k] ?? 1); i++) {
        read.push(await pass('read'));
        rollup.push(await pass('rollup'));
      }
      // Best of the passes: the first pass after a load also pays for DynamoDB Local warming up.
      const readMs = Math.min(...read.map((r) => r.ms));
      const rollupMs = Math.min(...rollup.map((r) => r.ms));
      sizes.push({
        units: size,
        reports,
        loadSeconds,
        read,
        rollup,
        readMs: round(readMs, 0),
        rollupMs: round(rollupMs, 0),
        timeRatio: ratio(rollupMs, readMs),
        readMaxRssMiB: round(Math.max(...read.map((r) => r.maxRssKiB)) / 1024, 1),
        rollupMaxRssMiB: round(Math.max(...rollup.map((r) => r.maxRssKiB)) / 1024, 1),
      });
    }
  } catch (error) {
    return { sizes, nodeFlags: childNodeArgs, error: error instanceof Error ? error.message : String(error) };
  }
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  return {
    sizes,
    nodeFlags: childNodeArgs,
    ...(first && last && sizes.length > 1
      ? { rssRatio: ratio(last.rollupMaxRssMiB, first.rollupMaxRssMiB) }
      : {}),
  };
}
