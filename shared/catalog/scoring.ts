import type { Band, Catalog, EvidenceRejectedEffect, Indicator, IndicatorValue } from './types.ts';

export interface Target {
  readonly op: '>=' | '<=';
  readonly value: number;
}

export function targetFor(indicator: Indicator, level: string): Target | undefined {
  const value = Object.hasOwn(indicator.targets, level) ? indicator.targets[level] : undefined;
  if (value === undefined) return undefined;
  return { op: indicator.direction === 'higherIsBetter' ? '>=' : '<=', value };
}

/** null when there is no data or no target for the level. */
export function meetsTarget(indicator: Indicator, level: string, value: number | null): boolean | null {
  const target = targetFor(indicator, level);
  if (value === null || !Number.isFinite(value) || !target) return null;
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

/** Points for one value, or undefined when the indicator is not scored at this level. Never rounded. */
export function pointsFor(indicator: Indicator, level: string, value: number): number | undefined {
  const s = indicator.scoring;
  if (!s) return undefined;
  const higher = indicator.direction === 'higherIsBetter';
  if (s.method === 'tiers') {
    const reached = s.tiers.filter((t) => (higher ? value >= t.threshold : value <= t.threshold));
    return Math.min(s.maxPoints, Math.max(0, ...reached.map((t) => t.points)));
  }
  const full = s.fullAt ?? targetFor(indicator, level)?.value;
  if (full === undefined) return undefined;
  let share: number;
  if (higher) share = full <= 0 ? 1 : value / full;
  else share = value <= full ? 1 : value <= 0 ? 1 : full / value;
  return s.maxPoints * Math.min(1, Math.max(0, share));
}

/** The band for a share of the applicable maximum: the highest band whose minShare the share reaches. */
export function bandFor(bands: readonly Band[], share: number): Band {
  const sorted = [...bands].sort((a, b) => b.minShare - a.minShare);
  const band = sorted.find((b) => share >= b.minShare) ?? sorted[sorted.length - 1];
  if (!band) throw new Error('The catalog has no bands');
  return band;
}

export interface UnitScore {
  /** Points earned, summed unrounded (rounding is for display only). */
  readonly points: number;
  /** The maximum over the indicators that apply to the unit: the full maximum less the not-applicable ones. */
  readonly applicableMax: number;
  /** The maximum before not-applicable indicators leave it. */
  readonly fullMax: number;
  /** points / applicableMax, 0–1; 0 when nothing applies. */
  readonly share: number;
  /** The score rescaled to 100 over the applicable maximum. */
  readonly score: number;
  readonly band: Band;
  readonly perIndicator: Record<string, number>;
  /** Scored indicators that did not apply to the unit, in catalog order. */
  readonly notApplicable: readonly string[];
}

/**
 * DTI-style score of one unit: points per scored indicator, their sum, and the score out of 100 over the
 * indicators that apply. No data earns 0 of the indicator's points; not applicable takes them out.
 */
export function scoreUnit(
  catalog: Catalog,
  indicators: Record<string, IndicatorValue>,
  level: string,
  /** Indicators that earn nothing, though they apply: their evidence was rejected (evidenceEffects). */
  withoutPoints: ReadonlySet<string> = new Set(),
): UnitScore {
  const perIndicator: Record<string, number> = {};
  const notApplicable: string[] = [];
  let points = 0;
  let applicableMax = 0;
  let fullMax = 0;
  for (const indicator of catalog.indicators) {
    const s = indicator.scoring;
    if (!s) continue;
    // A ratio scored against the level's target says nothing at a level with no target.
    if (s.method === 'ratio' && s.fullAt === undefined && !targetFor(indicator, level)) continue;
    fullMax += s.maxPoints;
    const part = indicators[indicator.code];
    if (part?.notApplicable) {
      notApplicable.push(indicator.code);
      continue;
    }
    const value = part?.value ?? null;
    const earned =
      value === null || !Number.isFinite(value) || withoutPoints.has(indicator.code)
        ? 0
        : (pointsFor(indicator, level, value) ?? 0);
    perIndicator[indicator.code] = earned;
    points += earned;
    applicableMax += s.maxPoints;
  }
  const share = applicableMax > 0 ? points / applicableMax : 0;
  return {
    points,
    applicableMax,
    fullMax,
    share,
    score: share * 100,
    band: bandFor(catalog.bands, share),
    perIndicator,
    notApplicable,
  };
}

/** The indicators computed from any of these fields, with what the catalog says follows from that. */
export function evidenceEffects(
  catalog: Catalog,
  unsupported: readonly string[],
): { indicator: string; effect: EvidenceRejectedEffect }[] {
  if (!unsupported.length) return [];
  const fields = new Set(unsupported);
  return catalog.indicators
    .filter((i) => [...i.numerator, ...(i.denominator ?? [])].some((f) => fields.has(f)))
    .map((i) => ({ indicator: i.code, effect: i.whenEvidenceRejected ?? 'flag' }));
}
