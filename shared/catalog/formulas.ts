import type { Catalog, Indicator, IndicatorValue, ReportValues } from './types.ts';
import { sumOf } from './validate.ts';

const NO_DATA: IndicatorValue = Object.freeze({ numerator: null, denominator: null, value: null });

/** numerator / denominator × multiplier; a zero or missing denominator is "no data", never 0, NaN or Infinity. */
export function ratio(
  numerator: number | null,
  denominator: number | null,
  multiplier: number,
): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  const value = (numerator / denominator) * multiplier;
  return Number.isFinite(value) ? value : null;
}

export function computeIndicator(indicator: Indicator, values: ReportValues): IndicatorValue {
  const numerator = sumOf(indicator.numerator, values);
  // A value reported directly has denominator 1, so ratio-of-sums over units stays meaningful.
  const denominator = indicator.denominator === null ? 1 : sumOf(indicator.denominator, values);
  return { numerator, denominator, value: ratio(numerator, denominator, indicator.multiplier) };
}

export function computeIndicators(catalog: Catalog, values: ReportValues): Record<string, IndicatorValue> {
  const out: Record<string, IndicatorValue> = {};
  for (const indicator of catalog.indicators) out[indicator.code] = computeIndicator(indicator, values);
  return out;
}

const hasData = (p: IndicatorValue): p is { numerator: number; denominator: number; value: number } =>
  p.value !== null && p.numerator !== null && p.denominator !== null && p.denominator !== 0;

/**
 * A group's value from its units' values. Aggregate from the units themselves, not from sub-group results:
 * ratio-of-sums composes either way, but a mean of means is not a mean.
 *
 * - ratioOfSums: Σ numerators / Σ denominators × multiplier, over the units that have data.
 * - meanOfValues: numerator = Σ values, denominator = number of units with data, value = their mean.
 */
export function aggregateIndicator(indicator: Indicator, parts: readonly IndicatorValue[]): IndicatorValue {
  const withData = parts.filter(hasData);
  if (withData.length === 0) return NO_DATA;
  if (indicator.aggregation === 'meanOfValues') {
    const total = withData.reduce((s, p) => s + p.value, 0);
    return { numerator: total, denominator: withData.length, value: ratio(total, withData.length, 1) };
  }
  const numerator = withData.reduce((s, p) => s + p.numerator, 0);
  const denominator = withData.reduce((s, p) => s + p.denominator, 0);
  return { numerator, denominator, value: ratio(numerator, denominator, indicator.multiplier) };
}
