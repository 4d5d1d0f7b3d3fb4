/*
 * One measured pass over a year, in a fresh process so that its peak RSS is its own. Both modes load through
 * tsx in the same way; `read` is the baseline: a plain paginated Query over the byYear shards of the two years
 * the rollup reads (this one and the one before, the store's readYearReports), touching every item; `rollup` is the real yearly rollup, writing its files to the
 * S3 emulator. Both modes import the same modules before the clock starts, so the process shape is the same.
 * Prints one JSON line: { ms, cpuMs, maxRssKiB, items, peaks } (cpuMs: this process's CPU time over the same
 * span, all threads; items: reports read, or units rolled up; peaks: the highest V8 heap size, heap in use and
 * external memory, sampled every 50 ms).
 * Usage: rollupChild.ts <read|rollup> <year>
 */
const [mode, yearArg] = process.argv.slice(2) as ['read' | 'rollup', string];
const year = Number(yearArg);

// Modules load before the clock starts, so that the rollup's larger module graph is not counted as work.
const { readYearReports } = await import('#shared/store/reports');
const { newRunId, runRollup } = await import('#shared/rollup/runner');

// Where the peak lives: V8's heap (its size, not only what is in use) or memory outside it (buffers).
const peak = { heapTotal: 0, heapUsed: 0, external: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.external = Math.max(peak.external, m.external);
}, 50);

const started = performance.now();
const cpuAtStart = process.cpuUsage();
let items = 0;
if (mode === 'read') {
  let fields = 0;
  for (const y of [year, year - 1]) {
    for await (const page of readYearReports(y)) {
      for (const item of page) {
        items += 1;
        // Touch each item as the rollup does, so the baseline is not a read the engine could skip.
        fields += Object.keys((item.values as Record<string, unknown> | undefined) ?? {}).length;
      }
    }
  }
  if (fields === 0 && items > 0) throw new Error('items without values');
} else {
  const { counts } = await runRollup({ year, requestedBy: 'bench' }, newRunId(new Date()));
  items = counts.units ?? 0;
}
const ms = performance.now() - started;
// This process's CPU time (all its threads) over the same span: how much of the wall time was its own work.
const cpu = process.cpuUsage(cpuAtStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const maxRssKiB = process.resourceUsage().maxRSS;
clearInterval(sampler);
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const peaks = {
  heapTotalMiB: mib(peak.heapTotal),
  heapUsedMiB: mib(peak.heapUsed),
  externalMiB: mib(peak.external),
};
// With --expose-gc (diagnostics): what is still held once garbage is collected, apart from the peak.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const retainedHeapMiB = gc ? process.memoryUsage().heapUsed / 1024 / 1024 : undefined;
process.stdout.write(`${JSON.stringify({ mode, ms, cpuMs, maxRssKiB, items, retainedHeapMiB, peaks })}\n`);
// Module-scope SDK clients keep sockets open; the measurement is done.
process.exit(0);

export {};
