import {
  computeIndicators,
  meetsTarget,
  outlierOf,
  scoreUnit,
  type Catalog,
  type IndicatorValue,
  type ReportValues,
} from '../catalog/index.ts';
import { displayStatusOf, type DisplayStatus, type ReportState } from '../domain/report.ts';
import type { Unit } from '../hierarchy.ts';
import type { Bilingual } from '../contract/i18n.ts';

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
  readonly indicators?: Record<string, IndicatorValue>;
  readonly verified?: {
    readonly indicators: Record<string, IndicatorValue>;
    readonly fields: Record<string, { reported: number | null; verified: number | null; gap: number | null }>;
  };
  readonly score?: { total: number; max: number; share: number; band: string };
  readonly previous?: Record<string, number | null>;
  readonly change?: Record<string, number | null>;
  readonly meetsTarget?: Record<string, boolean | null>;
  readonly outliers?: { indicator: string; reason?: Bilingual }[];
}

const numeric = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Values with the auditors' verified figures laid over the self-reported ones. */
function verifiedValues(report: ReportState): ReportValues | undefined {
  const entries = Object.entries(report.verification).filter(([, v]) => v.value !== undefined);
  if (!entries.length) return undefined;
  return { ...report.values, ...Object.fromEntries(entries.map(([k, v]) => [k, v.value ?? null])) };
}

export function unitRow(
  catalog: Catalog,
  unit: Unit,
  report: ReportState | undefined,
  previous: Record<string, number | null> | undefined,
): UnitRow {
  const status = displayStatusOf(report);
  const reported = !!report && (report.status === 'submitted' || report.status === 'accepted');
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

  const indicators = computeIndicators(catalog, report.values);
  const score = scoreUnit(catalog, indicators, unit.level);
  const change: Record<string, number | null> = {};
  const targets: Record<string, boolean | null> = {};
  const outliers: { indicator: string; reason?: Bilingual }[] = [];
  for (const indicator of catalog.indicators) {
    const now = indicators[indicator.code]?.value ?? null;
    const before = previous?.[indicator.code] ?? null;
    change[indicator.code] = now !== null && before !== null ? now - before : null;
    targets[indicator.code] = meetsTarget(indicator, unit.level, now);
    const o = outlierOf(indicator, now, before);
    if (o.outlier) outliers.push({ indicator: indicator.code, ...(o.reason ? { reason: o.reason } : {}) });
  }
  const overlaid = verifiedValues(report);
  let verified: UnitRow['verified'];
  if (overlaid) {
    const fields: Record<string, { reported: number | null; verified: number | null; gap: number | null }> =
      {};
    for (const [field, v] of Object.entries(report.verification)) {
      if (v.value === undefined) continue;
      const r = numeric(report.values[field]);
      const w = numeric(v.value);
      fields[field] = { reported: r, verified: w, gap: r !== null && w !== null ? r - w : null };
    }
    verified = { indicators: computeIndicators(catalog, overlaid), fields };
  }
  return {
    ...base,
    indicators,
    score: { total: score.total, max: score.max, share: score.share, band: score.band.id },
    ...(previous ? { previous } : {}),
    change,
    meetsTarget: targets,
    outliers,
    ...(verified ? { verified } : {}),
  };
}
