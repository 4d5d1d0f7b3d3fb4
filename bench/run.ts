process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  AGENCY_IMPORT_RATIO_GOAL,
  coldStart,
  IMPORT_RATIO_GOAL,
  SIZE_GOAL_KIB,
  type ColdStartResult,
} from './coldStart.ts';
import { REPO_ROOT } from './lambdaBundle.ts';
import { startBenchStack } from './lib/benchStack.ts';
import { log, round } from './lib/stats.ts';
import { renderSummary, type Results } from './summary.ts';

/*
 * `npm run bench`: cold start, write path, rollup and evidence, each figure a ratio to a baseline measured in
 * the same run. Results go to bench/results/*.json and the table in bench/README.md. Not run in CI.
 * `npm run bench -- --only cold,write` runs a subset; `--quick` shrinks every size (for trying the harness);
 * `--render` only rewrites the README table from bench/results.
 */
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    render: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const SECTIONS = ['cold', 'write', 'evidence', 'rollup', 'form'];
if (args.help) {
  process.stdout.write(
    [
      'npm run bench [-- options]',
      '  --only cold,write,evidence,rollup,form   the sections to run (default: all five)',
      '  --quick                             shrink every size and duration, to try the harness',
      '  --render                            only rewrite the table in bench/README.md from bench/results',
      '  BENCH_NOTE="..."                    what else ran on the machine, printed beside the figures',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const only = new Set((args.only ?? SECTIONS.join(',')).split(','));
const quick = args.quick ?? false;
const RESULTS = join(REPO_ROOT, 'bench', 'results');
const WORK = join(REPO_ROOT, 'bench', '.work');

function machine() {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    date: new Date().toISOString(),
    nproc: sh('nproc'),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memory: sh('free -h'),
    totalMemGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    java: (java.stderr || java.stdout).split('\n')[0] ?? 'unknown',
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
    // What else ran on the machine, when it matters (BENCH_NOTE); the load average above says how busy it was.
    note:
      process.env.BENCH_NOTE ??
      'Absolute figures depend on what else runs on the machine (see the load average); ratios less so.',
  };
}

/** Sections re-run on their own after the last full run, from their machine-<sections>.json files. */
function remeasured(): { sections: string[]; machine: Record<string, unknown> }[] {
  const fullDate = String(load<Record<string, unknown>>('machine')?.date ?? '');
  return readdirSync(RESULTS)
    .filter((f) => /^machine-.+\.json$/.test(f))
    .map((f) => ({
      sections: f.slice('machine-'.length, -'.json'.length).split('-'),
      machine: load<Record<string, unknown>>(f.slice(0, -'.json'.length)) ?? {},
    }))
    .filter((r) => String(r.machine.date ?? '') > fullDate);
}

function save(name: string, data: unknown) {
  writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

function load<T>(name: string): T | undefined {
  try {
    return JSON.parse(readFileSync(join(RESULTS, `${name}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function section<T>(name: string, fn: () => Promise<T>): Promise<T | { error: string }> {
  const started = Date.now();
  log(`== ${name} ==`);
  try {
    const result = await fn();
    log(`== ${name} done in ${round((Date.now() - started) / 1000, 1)} s ==`);
    return result;
  } catch (error) {
    log(`== ${name} FAILED: ${(error as Error).stack ?? error} ==`);
    return { error: (error as Error).message };
  }
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const started = Date.now();
  const info = machine();
  const full = SECTIONS.every((s) => only.has(s)) && !args.render;
  if (args.render) only.clear();
  // A partial run leaves the full run's machine line as it was and notes its own beside it.
  if (full || !load('machine')) save('machine', info);
  else if (only.size) save(`machine-${[...only].join('-')}`, info);
  if (only.size)
    log(`machine: ${info.nproc} cores, ${info.totalMemGiB} GiB, node ${info.node}, ${info.java}`);

  if (only.has('cold')) {
    const r = await section('cold start', () =>
      coldStart({ workDir: join(WORK, 'bundles'), runs: quick ? 2 : 7 }),
    );
    save('coldStart', r);
  }

  // One DynamoDB Local and one S3 emulator for the run: the store modules bind their clients to the endpoints
  // once, at import, as a Lambda does. The rollup uses a year of its own, so the others' reports stay out of it.
  if (only.has('write') || only.has('evidence') || only.has('rollup')) {
    const stack = await startBenchStack(join(WORK, 'stack'));
    try {
      if (only.has('write')) {
        const { writePath } = await import('./writePath.ts');
        const r = await section('write path', () =>
          writePath(stack, { connections: 16, seconds: quick ? 5 : 20, units: 500 }),
        );
        save('writePath', r);
      }
      if (only.has('evidence')) {
        const { evidenceBench } = await import('./evidence.ts');
        const r = await section('evidence', () =>
          evidenceBench(stack, {
            connections: 16,
            seconds: quick ? 4 : 10,
            units: 500,
            uploadBytes: 8 * 1024 * 1024,
            repeats: quick ? 2 : 8,
          }),
        );
        save('evidence', r);
      }
      if (only.has('rollup')) {
        const { rollupBench } = await import('./rollup.ts');
        const r = await section('rollup', () =>
          rollupBench(stack, {
            sizes: quick ? [2_000, 10_000] : [10_000, 100_000],
            repeats: [2, 2],
            loadBudgetSeconds: 8 * 60,
          }),
        );
        save('rollup', r);
      }
    } finally {
      await stack.stop();
    }
  }

  // Chromium and `npm start` of its own: after the other sections, whose stack is stopped by now.
  if (only.has('form')) {
    const { formLoadBench } = await import('./formLoad.ts');
    const { catalogYears } = await import('#shared/catalog/index');
    const year = Math.max(...catalogYears.filter((y) => y <= new Date().getFullYear()));
    const r = await section('form on a slow link', () => formLoadBench({ year }));
    save('formLoad', r);
  }

  if (full) save('machine', { ...info, totalSeconds: round((Date.now() - started) / 1000, 0) });
  const results: Results = {
    machine: load<Record<string, unknown>>('machine') ?? info,
    remeasured: remeasured(),
    coldStart: load<ColdStartResult>('coldStart'),
    writePath: load('writePath'),
    rollup: load('rollup'),
    evidence: load('evidence'),
    formLoad: load('formLoad'),
    totalSeconds: round((Date.now() - started) / 1000, 0),
  };
  const readmePath = join(REPO_ROOT, 'bench', 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- figures:begin -->';
  const end = '<!-- figures:end -->';
  const at = readme.indexOf(begin);
  const until = readme.indexOf(end);
  if (at >= 0 && until > at) {
    writeFileSync(
      readmePath,
      `${readme.slice(0, at + begin.length)}\n${renderSummary(results)}\n${readme.slice(until)}`,
    );
  }
  log(
    `done in ${results.totalSeconds} s; goals: size ≤ ${SIZE_GOAL_KIB} KiB, import ratio ≤ ${IMPORT_RATIO_GOAL} (the agency's ≤ ${AGENCY_IMPORT_RATIO_GOAL})`,
  );
  rmSync(WORK, { recursive: true, force: true });
}

await main();
process.exit(0);
