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
  const acc = emptyAggregate();
  for (const part of parts) addToAggregate(acc, part);
  return finishAggregate(indicator, acc);
}

/**
 * The running sums behind aggregateIndicator, so that a rollup can aggregate a stream of units (and add one
 * group's sums into another's) without holding the units.
 */
export interface Aggregate {
  numerator: number;
  denominator: number;
  sumOfValues: number;
  unitsWithData: number;
}

export const emptyAggregate = (): Aggregate => ({
  numerator: 0,
  denominator: 0,
  sumOfValues: 0,
  unitsWithData: 0,
});

export function addToAggregate(acc: Aggregate, part: IndicatorValue): void {
  if (!hasData(part)) return;
  acc.numerator += part.numerator;
  acc.denominator += part.denominator;
  acc.sumOfValues += part.value;
  acc.unitsWithData += 1;
}

export function mergeAggregates(into: Aggregate, from: Aggregate): void {
  into.numerator += from.numerator;
  into.denominator += from.denominator;
  into.sumOfValues += from.sumOfValues;
  into.unitsWithData += from.unitsWithData;
}

export function finishAggregate(indicator: Indicator, acc: Aggregate): IndicatorValue {
  if (acc.unitsWithData === 0) return NO_DATA;
  if (indicator.aggregation === 'meanOfValues') {
    return {
      numerator: acc.sumOfValues,
      denominator: acc.unitsWithData,
      value: ratio(acc.sumOfValues, acc.unitsWithData, 1),
    };
  }
  return {
    numerator: acc.numerator,
    denominator: acc.denominator,
    value: ratio(acc.numerator, acc.denominator, indicator.multiplier),
  };
}
