import {
  AGENCY_FUNCTIONS,
  AGENCY_IMPORT_RATIO_GOAL,
  importGoalOf,
  IMPORT_RATIO_GOAL,
  SIZE_GOAL_KIB,
  type ColdStartResult,
  sdkFloorLabel,
} from './coldStart.ts';
import type { EvidenceResult } from './evidence.ts';
import { FORM_RATIO_GOAL, type FormLoadResult } from './formLoad.ts';
import { ratio } from './lib/stats.ts';
import { ROLLUP_RSS_GOAL, rollupTimeGoal, type RollupResult } from './rollup.ts';
import {
  SAVE_TO_TRANSACTION_P99_GOAL,
  SAVE_TO_TRANSACTION_RPS_GOAL,
  type WritePathResult,
} from './writePath.ts';

type Failed = { error: string };
export interface Results {
  readonly machine: Record<string, unknown>;
  readonly coldStart?: ColdStartResult | Failed;
  readonly writePath?: WritePathResult | Failed;
  readonly rollup?: RollupResult | Failed;
  readonly evidence?: EvidenceResult | Failed;
  readonly formLoad?: FormLoadResult | Failed;
  readonly totalSeconds: number;
  /** Sections run again on their own after the full run: those figures are from then. */
  readonly remeasured?: readonly { readonly sections: string[]; readonly machine: Record<string, unknown> }[];
}

const ok = <T extends object>(r: T | Failed | undefined): r is T => !!r && !('error' in r && !('sizes' in r));
const mark = (met: boolean | undefined) => (met === undefined ? 'n/a' : met ? 'met' : '**not met**');

/** The generated part of bench/README.md: machine, figures against goals, and the goals not met. */
export function renderSummary(r: Results): string {
  const m = r.machine;
  const lines: string[] = [];
  lines.push(
    `Measured ${String(m.date).slice(0, 16).replace('T', ' ')} UTC on ${m.nproc} cores (${m.cpuModel}), ` +
      `${m.totalMemGiB} GiB, Node ${m.node}, ${m.java}; load average at start ${JSON.stringify(m.loadAverageAtStart)}. ` +
      `${m.note}${m.totalSeconds ? ` Whole run: ${m.totalSeconds} s.` : ''}` +
      (r.remeasured ?? [])
        .map(
          (x) =>
            ` Re-measured later on their own: ${x.sections.join(', ')} (${String(x.machine.date).slice(0, 16).replace('T', ' ')} UTC, load average ${JSON.stringify(x.machine.loadAverageAtStart)}).`,
        )
        .join(''),
    '',
    '```',
    String(m.memory),
    '```',
    '',
    '| figure | measured | goal | |',
    '|---|---|---|---|',
  );
  const missed: string[] = [];
  const row = (figure: string, measured: string, goal: string, met: boolean | undefined) => {
    lines.push(`| ${figure} | ${measured} | ${goal} | ${mark(met)} |`);
    if (met === false) missed.push(`${figure}: ${measured} (goal ${goal})`);
  };

  const cs = r.coldStart;
  if (ok(cs)) {
    const sizes = cs.handlers.map((h) => h.minifiedKiB);
    const over = cs.handlers.filter((h) => !h.meetsSize);
    // Judged against today's goals, so that results from before a goal changed read right.
    const slow = cs.handlers.filter((h) => h.importRatio > importGoalOf(h.handler));
    row(
      `bundle size, minified (${cs.handlers.length} functions)`,
      `${Math.min(...sizes)}–${Math.max(...sizes)} KiB; ${over.length} over`,
      `each ≤ ${SIZE_GOAL_KIB} KiB`,
      over.length === 0,
    );
    const ratios = cs.handlers.map((h) => h.importRatio);
    row(
      `cold import / empty \`node -e ''\` (${cs.emptyNodeMs} ms), median of ${cs.runs}`,
      `${Math.min(...ratios)}–${Math.max(...ratios)}; ${slow.length} over`,
      `each ≤ ${IMPORT_RATIO_GOAL}; ${AGENCY_FUNCTIONS.join(', ')} ≤ ${AGENCY_IMPORT_RATIO_GOAL}`,
      slow.length === 0,
    );
    for (const f of cs.sdkFloors ?? [])
      row(
        `SDK floor: cold import of a bundle with only ${sdkFloorLabel(f.name)} at module scope (${f.minifiedKiB} KiB) / empty \`node -e ''\``,
        `${f.importMs} ms, ${f.importRatio}`,
        'reported',
        undefined,
      );
  } else if (cs) row('cold start', `failed: ${cs.error}`, '', false);

  const wp = r.writePath;
  if (ok(wp) && wp.transaction) {
    row(
      `PUT /reports/{year} req/s ÷ bare TransactWriteItems of a save's 3 items req/s (${wp.connections} connections)`,
      `${wp.save.rps} ÷ ${wp.transaction.rps} = ${wp.transactionRatio}`,
      `≥ ${SAVE_TO_TRANSACTION_RPS_GOAL}`,
      wp.transactionRatio >= SAVE_TO_TRANSACTION_RPS_GOAL,
    );
    row(
      'save p99 ÷ that transaction’s p99 (ms)',
      `${wp.save.p99} ÷ ${wp.transaction.p99} = ${wp.transactionP99Ratio}`,
      `≤ ${SAVE_TO_TRANSACTION_P99_GOAL}`,
      wp.transactionP99Ratio <= SAVE_TO_TRANSACTION_P99_GOAL,
    );
    row(
      `PUT /reports/{year} req/s ÷ conditional PutItem req/s (${wp.connections} connections)`,
      `${wp.save.rps} ÷ ${wp.putItem.rps} = ${wp.ratio}`,
      'reported',
      undefined,
    );
    row(
      'save latency p50 / p99 (ms), ratio to PutItem',
      `${wp.save.p50} / ${wp.save.p99} (×${wp.p50Ratio} / ×${wp.p99Ratio})`,
      'reported',
      undefined,
    );
    const cpu = wp.anatomy.cpuMsPerSave;
    row(
      'CPU ms per save: API process / DynamoDB Local (bare transaction: DynamoDB Local)',
      `${cpu.api} / ${cpu.dynamoLocal} (${wp.transaction.dynamoLocalCpuMs}); ${wp.anatomy.stale} saves 412`,
      'reported',
      undefined,
    );
  } else if (ok(wp)) {
    row(
      "PUT /reports/{year} req/s ÷ bare TransactWriteItems of a save's 3 items req/s",
      'not measured: these results are from before the comparison existed; run `--only write`',
      `≥ ${SAVE_TO_TRANSACTION_RPS_GOAL}`,
      false,
    );
  } else if (wp) row('write path', `failed: ${(wp as Failed).error}`, '', false);

  const ru = r.rollup;
  if (ru && 'sizes' in ru) {
    for (const s of ru.sizes) {
      row(
        `rollup time ÷ plain byYear read, ${s.units.toLocaleString('en')} units / ${s.reports.toLocaleString('en')} reports (best of ${s.read.length})`,
        `${(s.rollupMs / 1000).toFixed(1)} s ÷ ${(s.readMs / 1000).toFixed(1)} s = ${s.timeRatio}`,
        `≤ ${rollupTimeGoal(s.units)}`,
        s.timeRatio <= rollupTimeGoal(s.units),
      );
      const cpu = (passes: readonly { cpuMs?: number }[]) =>
        Math.min(...passes.map((p) => p.cpuMs ?? Number.POSITIVE_INFINITY));
      const [rollupCpu, readCpu] = [cpu(s.rollup), cpu(s.read)];
      // Beside the wall time, which DynamoDB Local's speed moves more than the rollup's code does.
      if (Number.isFinite(rollupCpu) && Number.isFinite(readCpu))
        row(
          `rollup CPU time ÷ plain read's, ${s.units.toLocaleString('en')} units (lowest of ${s.read.length}, the child's threads)`,
          `${(rollupCpu / 1000).toFixed(1)} s ÷ ${(readCpu / 1000).toFixed(1)} s = ${ratio(rollupCpu, readCpu)}`,
          'reported',
          undefined,
        );
    }
    const first = ru.sizes[0];
    const last = ru.sizes[ru.sizes.length - 1];
    if (ru.rssRatio !== undefined && first && last) {
      row(
        `rollup peak RSS at ${last.units.toLocaleString('en')} ÷ at ${first.units.toLocaleString('en')} units (highest of ${last.rollup.length}; node ${ru.nodeFlags?.join(' ') || 'without flags'})`,
        `${last.rollupMaxRssMiB} MiB ÷ ${first.rollupMaxRssMiB} MiB = ${ru.rssRatio} (plain read: ${last.readMaxRssMiB} ÷ ${first.readMaxRssMiB} MiB)`,
        `≤ ${ROLLUP_RSS_GOAL}`,
        ru.rssRatio <= ROLLUP_RSS_GOAL,
      );
    }
    if (ru.error) row('rollup', `stopped: ${ru.error}`, '', false);
  } else if (ru) row('rollup', `failed: ${(ru as Failed).error}`, '', false);

  const ev = r.evidence;
  if (ok(ev)) {
    row(
      'POST /reports/{year}/evidence (declare + presigned PUT URL) per second ÷ bare presign calls per second',
      `${ev.declare.rps} ÷ ${ev.barePresign.perSecond} = ${ev.declareRatio}`,
      'reported',
      undefined,
    );
    row(
      `${ev.upload.bytes / 1024 / 1024} MiB upload through a presigned PUT ÷ direct PutObject, median of ${ev.upload.repeats}`,
      `${ev.upload.presignedMedianMiBps} ÷ ${ev.upload.directMedianMiBps} MiB/s = ${ev.upload.ratio}`,
      'reported',
      undefined,
    );
  } else if (ev) row('evidence', `failed: ${ev.error}`, '', false);

  const fl = r.formLoad;
  if (ok(fl)) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    row(
      `agency form, first visit, until typeable ÷ physical limit (${fl.link.kbps} kbps, ${fl.link.rttMs} ms; ${kb(fl.first.bytes)} in ${fl.first.requests} requests)`,
      `${fl.first.typeableMs} ms ÷ ${fl.first.limitMinimalChainMs} ms = ${fl.first.ratioMinimalChain} with the minimal chain of 3 round trips; ÷ ${fl.first.limitMs} ms = ${fl.first.ratio} with the page's own chain of ${fl.first.chain.length}`,
      `≤ ${FORM_RATIO_GOAL} (minimal chain)`,
      fl.first.ratioMinimalChain <= FORM_RATIO_GOAL,
    );
    row(
      'agency form, repeat visit (service worker installed): until typeable; what crossed the link beyond revalidation',
      `${fl.repeat.typeableMs} ms; ${kb(fl.repeat.bytes)} in ${fl.repeat.requests} requests; ${fl.repeat.transfersBeyondRevalidation.length ? fl.repeat.transfersBeyondRevalidation.join(', ') : 'nothing'}`,
      'nothing beyond revalidation',
      fl.repeat.transfersBeyondRevalidation.length === 0,
    );
  } else if (fl) row('agency form on a slow link', `failed: ${fl.error}`, '', false);

  if (ok(cs)) {
    lines.push(
      '',
      'Per function: minified and gzipped bundle, median cold import and its ratio to the empty process, the ms',
      'its import takes beyond its SDK floor (with S3 for a function whose bundle carries the S3 client), and the',
      'largest parts of the bundle by package or project folder (KiB).',
      '',
      '| function | minified KiB | gzipped KiB | import ms | ratio | beyond SDK floor, ms | top contributors |',
      '|---|---|---|---|---|---|---|',
    );
    for (const h of cs.handlers) {
      const top = h.topContributors
        .slice(0, 4)
        .map((c) => `${c.name} ${c.kib}`)
        .join(', ');
      lines.push(
        `| ${h.handler} | ${h.meetsSize ? h.minifiedKiB : `**${h.minifiedKiB}**`} | ${h.gzippedKiB} | ${h.importMs} | ${h.importRatio <= importGoalOf(h.handler) ? h.importRatio : `**${h.importRatio}**`} | ${h.overSdkFloorMs ?? '—'} | ${top} |`,
      );
    }
  }
  lines.push('', '**Goals not met:**', '');
  if (missed.length === 0) lines.push('- none');
  for (const m2 of missed) lines.push(`- ${m2}`);
  return lines.join('\n');
}
