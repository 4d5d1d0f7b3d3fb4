import { computeIndicators, type Catalog, type IndicatorValue } from '../catalog/index.ts';
import { countsInRollup, officialFigures } from '../domain/officialValues.ts';
import type { ReportState } from '../domain/report.ts';
import type { Unit } from '../hierarchy.ts';
import { sortedCursor, type SortedCursor } from './cursor.ts';
import type { RollupSources } from './ports.ts';

/*
 * Last year comes from last year's reports (their official values, under last year's catalog), read in the
 * same pass as this year's, never from a file an earlier run happened to publish: the change and outlier
 * figures are the same whether or not, and in whatever order, earlier rollups ran, and a correction to last
 * year shows in this year's next run.
 */

/** A unit's figures for last year, as numerators and denominators, so that figures can be combined. */
export interface PreviousFigures {
  readonly indicators: Readonly<Record<string, IndicatorValue>>;
}

/** Last year's reports, taken in unit id order as this year's units are walked. */
export interface PreviousYear {
  readonly year: number;
  readonly catalog: Catalog | undefined;
  readonly reports: SortedCursor<ReportState>;
}

export function openPreviousYear(
  sources: RollupSources,
  year: number,
  catalog: Catalog | undefined,
): PreviousYear {
  return {
    year: year - 1,
    catalog,
    reports: sortedCursor(sources.reportsInUnitOrder(year - 1), (r) => r.unitId),
  };
}

/** The figures of one counted report: official values under its own year's catalog. */
export function figuresOf(catalog: Catalog, report: ReportState | undefined): PreviousFigures | undefined {
  if (!report || !countsInRollup(report)) return undefined;
  return { indicators: computeIndicators(catalog, officialFigures(report).values) };
}

/**
 * Previous-year figures for unit U: the one place the comparison with last year looks them up. This version
 * matches by unit id; a unit formed from predecessors combines theirs (units through time).
 */
export async function previousYearFigures(
  unit: Unit,
  previous: PreviousYear,
): Promise<PreviousFigures | undefined> {
  const report = await previous.reports.take(unit.id);
  return previous.catalog ? figuresOf(previous.catalog, report) : undefined;
}
