import type { Catalog, Indicator, IndicatorValue, ReportValues } from './types.ts';
import { holds, sumOf } from './validate.ts';

const NO_DATA: IndicatorValue = Object.freeze({ numerator: null, denominator: null, value: null });
const NOT_APPLICABLE: IndicatorValue = Object.freeze({
  numerator: null,
  denominator: null,
  value: null,
  notApplicable: true,
});

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
  if (indicator.notApplicableWhen && holds(indicator.notApplicableWhen, values)) return NOT_APPLICABLE;
  // A value reported directly has denominator 1, so ratio-of-sums over units stays meaningful.
  const denominator = indicator.denominator === null ? 1 : sumOf(indicator.denominator, values);
  const reported = sumOf(indicator.numerator, values);
  if (indicator.numeratorIsShare) {
    // A reported share counts what it is a share of (90% of 130 computers is 117 computers), so that groups
    // weigh it by its base; the unit's own value is the share as reported.
    if (reported === null || denominator === null || denominator === 0)
      return { numerator: null, denominator, value: null };
    return {
      numerator: (reported / 100) * denominator,
      denominator,
      value: (reported / 100) * indicator.multiplier,
    };
  }
  return { numerator: reported, denominator, value: ratio(reported, denominator, indicator.multiplier) };
}

export function computeIndicators(catalog: Catalog, values: ReportValues): Record<string, IndicatorValue> {
  const out: Record<string, IndicatorValue> = {};
  for (const indicator of catalog.indicators) out[indicator.code] = computeIndicator(indicator, values);
  return out;
}

const hasData = (p: IndicatorValue): p is { numerator: number; denominator: number; value: number } =>
  p.value !== null && p.numerator !== null && p.denominator !== null && p.denominator !== 0;

/**
 * A group's value from its units' values: Σ numerators / Σ denominators × multiplier, over the units that have
 * data. Never the mean of the units' values: a small commune would weigh as much as a large department.
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
  unitsWithData: number;
  /** Units for which the indicator did not apply. */
  unitsNotApplicable: number;
}

export const emptyAggregate = (): Aggregate => ({
  numerator: 0,
  denominator: 0,
  unitsWithData: 0,
  unitsNotApplicable: 0,
});

export function addToAggregate(acc: Aggregate, part: IndicatorValue): void {
  if (part.notApplicable) acc.unitsNotApplicable += 1;
  if (!hasData(part)) return;
  acc.numerator += part.numerator;
  acc.denominator += part.denominator;
  acc.unitsWithData += 1;
}

export function mergeAggregates(into: Aggregate, from: Aggregate): void {
  into.numerator += from.numerator;
  into.denominator += from.denominator;
  into.unitsWithData += from.unitsWithData;
  into.unitsNotApplicable += from.unitsNotApplicable;
}

export function finishAggregate(indicator: Indicator, acc: Aggregate): IndicatorValue {
  if (acc.unitsWithData === 0) return NO_DATA;
  return {
    numerator: acc.numerator,
    denominator: acc.denominator,
    value: ratio(acc.numerator, acc.denominator, indicator.multiplier),
  };
}
