import {
  computeIndicators,
  evidenceEffects,
  meetsTarget,
  outlierOf,
  scoreUnit,
  type Catalog,
  type EvidenceRejectedEffect,
  type IndicatorValue,
} from '../catalog/index.ts';
import { unsupportedFields } from '../domain/review.ts';
import type { DisplayStatus } from '../contract/statuses.ts';
import { officialFigures, type VerificationState, type VerifiedFigure } from '../domain/officialValues.ts';
import { displayStatusOf, isCounted, type ReportState } from '../domain/report.ts';
import type { Unit } from '../hierarchy.ts';
import type { Bilingual } from '../contract/i18n.ts';
import type { ComparedWith, PreviousFigures } from './previousYear.ts';

export interface RowScore {
  /** Points earned, unrounded. */
  readonly points: number;
  /** The maximum over the indicators that apply to the unit. */
  readonly applicableMax: number;
  readonly fullMax: number;
  /** Out of 100: points rescaled over the applicable maximum. */
  readonly score: number;
  readonly share: number;
  readonly band: string;
  readonly notApplicable: readonly string[];
}

/** What the rollup says about one unit. Numbers are as computed; rounding happens only when writing files. */
export interface UnitRow {
  readonly unitId: string;
  readonly code: string;
  readonly name: Bilingual;
  readonly level: string;
  readonly parentId?: string;
  readonly expected: boolean;
  readonly status: DisplayStatus;
  readonly late: boolean;
  /** Submitted or accepted: the figures count. Drafts and returned reports do not. */
  readonly reported: boolean;
  /** Whether the figures are verified (accepted), under review, or self-reported only. */
  readonly verification?: VerificationState;
  /** Official values: verified where the auditors recorded one, self-reported elsewhere. */
  readonly indicators?: Record<string, IndicatorValue>;
  /** Yes/no answers, official. */
  readonly answers?: Record<string, boolean | null>;
  /** Where auditors changed a figure: the self-reported side, and the gap (self-reported − official). */
  readonly verified?: {
    readonly fields: Record<string, VerifiedFigure>;
    readonly selfReported: Record<string, IndicatorValue>;
    readonly gaps: Record<string, number | null>;
  };
  readonly score?: RowScore;
  readonly previous?: Record<string, number | null>;
  /** What `previous` is: the unit's own last year, its predecessors combined, or nothing comparable. */
  readonly comparedWith?: ComparedWith;
  readonly change?: Record<string, number | null>;
  readonly meetsTarget?: Record<string, boolean | null>;
  readonly outliers?: { indicator: string; reason?: Bilingual }[];
  /**
   * Where the auditors rejected every document behind an evidence-required field: the fields, and each
   * indicator computed from them with what the catalog says follows (no points, or a flag).
   */
  readonly evidence?: {
    readonly unsupported: readonly string[];
    readonly effects: readonly { indicator: string; effect: EvidenceRejectedEffect }[];
  };
}

/** The unit's row, and its self-reported indicators (for the groups' self-reported totals). */
export function unitRow(
  catalog: Catalog,
  unit: Unit,
  report: ReportState | undefined,
  /** Last year's figures to compare with (rollup/previousYear.ts). */
  lastYear: PreviousFigures | undefined,
  /** When the run started: a preliminary result whose objection window closed by then is final. */
  asOf: Date,
): UnitRow {
  const status = displayStatusOf(report, asOf);
  const reported = isCounted(report);
  const base: UnitRow = {
    unitId: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    ...(unit.parentId ? { parentId: unit.parentId } : {}),
    expected: unit.reports,
    status,
    late: report?.late ?? false,
    reported,
  };
  if (!reported || !report) return base;

  const official = officialFigures(report, asOf);
  const indicators = computeIndicators(catalog, official.values);
  const previous = lastYear?.indicators;
  const unsupported = unsupportedFields(catalog, report, official.values);
  const effects = evidenceEffects(catalog, unsupported);
  const withoutPoints = new Set(effects.filter((e) => e.effect === 'noPoints').map((e) => e.indicator));
  const score = scoreUnit(catalog, indicators, unit.level, withoutPoints);
  const answers: Record<string, boolean | null> = {};
  for (const f of catalog.fields) {
    if (f.type !== 'boolean') continue;
    const v = official.values[f.code];
    answers[f.code] = typeof v === 'boolean' ? v : null;
  }
  const before: Record<string, number | null> = {};
  const change: Record<string, number | null> = {};
  const targets: Record<string, boolean | null> = {};
  const outliers: { indicator: string; reason?: Bilingual }[] = [];
  for (const indicator of catalog.indicators) {
    const now = indicators[indicator.code]?.value ?? null;
    const then = previous?.[indicator.code]?.value ?? null;
    before[indicator.code] = then;
    change[indicator.code] = now !== null && then !== null ? now - then : null;
    targets[indicator.code] = meetsTarget(indicator, unit.level, now);
    const o = outlierOf(indicator, now, then);
    if (o.outlier) outliers.push({ indicator: indicator.code, ...(o.reason ? { reason: o.reason } : {}) });
  }
  let verified: UnitRow['verified'];
  if (Object.keys(official.verified).length) {
    const selfReported = computeIndicators(catalog, official.selfReported);
    const gaps: Record<string, number | null> = {};
    for (const indicator of catalog.indicators) {
      const s = selfReported[indicator.code]?.value ?? null;
      const o = indicators[indicator.code]?.value ?? null;
      gaps[indicator.code] = s !== null && o !== null ? s - o : null;
    }
    verified = { fields: { ...official.verified }, selfReported, gaps };
  }
  return {
    ...base,
    verification: official.state,
    indicators,
    answers,
    ...(verified ? { verified } : {}),
    score: {
      points: score.points,
      applicableMax: score.applicableMax,
      fullMax: score.fullMax,
      score: score.score,
      share: score.share,
      band: score.band.id,
      notApplicable: score.notApplicable,
    },
    ...(unsupported.length ? { evidence: { unsupported, effects } } : {}),
    ...(previous ? { previous: before } : {}),
    ...(lastYear ? { comparedWith: lastYear.comparedWith } : {}),
    change,
    meetsTarget: targets,
    outliers,
  };
}
