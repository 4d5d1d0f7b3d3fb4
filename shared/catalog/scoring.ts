import type { Band, Catalog, Indicator, IndicatorValue } from './types.ts';

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

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Points for one value, or undefined when the indicator is not scored at this level. */
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

/** The band for a share of max points: the highest band whose minShare the share reaches. */
export function bandFor(bands: readonly Band[], share: number): Band {
  const sorted = [...bands].sort((a, b) => b.minShare - a.minShare);
  const band = sorted.find((b) => share >= b.minShare) ?? sorted[sorted.length - 1];
  if (!band) throw new Error('The catalog has no bands');
  return band;
}

export interface UnitScore {
  readonly total: number;
  readonly max: number;
  /** total / max, 0–1; 0 when nothing was scored. */
  readonly share: number;
  readonly band: Band;
  readonly perIndicator: Record<string, number>;
}

/** DTI-style score of one unit: points per scored indicator (rounded to 0.01), their sum and the band. */
export function scoreUnit(
  catalog: Catalog,
  indicators: Record<string, IndicatorValue>,
  level: string,
): UnitScore {
  const perIndicator: Record<string, number> = {};
  let total = 0;
  let max = 0;
  for (const indicator of catalog.indicators) {
    const s = indicator.scoring;
    if (!s) continue;
    // A ratio scored against the level's target says nothing at a level with no target.
    if (s.method === 'ratio' && s.fullAt === undefined && !targetFor(indicator, level)) continue;
    const value = indicators[indicator.code]?.value ?? null;
    let points: number;
    if (value === null || !Number.isFinite(value)) {
      if (s.noData === 'skip') continue;
      points = 0;
    } else {
      points = round2(pointsFor(indicator, level, value) ?? 0);
    }
    perIndicator[indicator.code] = points;
    total += points;
    max += s.maxPoints;
  }
  total = round2(total);
  const share = max > 0 ? total / max : 0;
  return { total, max, share, band: bandFor(catalog.bands, share), perIndicator };
}
