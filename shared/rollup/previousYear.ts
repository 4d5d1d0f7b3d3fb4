import {
  aggregateIndicator,
  computeIndicators,
  type Catalog,
  type IndicatorValue,
} from '../catalog/index.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { officialFigures } from '../domain/officialValues.ts';
import { isCounted, type ReportState } from '../domain/report.ts';
import {
  comparisonBasis,
  comparisonNote,
  predecessorIdsToLoad,
  type ComparisonBasis,
} from '../domain/yearHierarchy.ts';
import type { IsoDate, Unit } from '../hierarchy.ts';
import { sortedCursor, type SortedCursor } from './cursor.ts';
import type { RollupSources } from './ports.ts';

/*
 * Last year comes from last year's reports (their official values, under last year's catalog), read in the
 * same pass as this year's, never from a file an earlier run happened to publish: the change and outlier
 * figures are the same whether or not, and in whatever order, earlier rollups ran, and a correction to last
 * year shows in this year's next run. A unit formed since last year is compared with its predecessors'
 * reports of last year combined (units through time, docs/hierarchy.md).
 */

/** What a unit row says about the figures its change is measured against. */
export interface ComparedWith {
  readonly basis: ComparisonBasis['kind'];
  /** The predecessors whose figures were combined (or would have been). */
  readonly predecessors?: readonly string[];
  /** Why there is no change to show: "không so sánh được / not comparable", or a new unit. */
  readonly note?: Bilingual;
}

/** A unit's figures for last year, as numerators and denominators, so that figures can be combined. */
export interface PreviousFigures {
  /** Absent when there is nothing honest to compare with; `comparedWith` says why. */
  readonly indicators?: Readonly<Record<string, IndicatorValue>>;
  readonly comparedWith: ComparedWith;
}

type Sources = Pick<RollupSources, 'reportsInUnitOrder' | 'unitsById' | 'reportsOf'>;

/** The figures of one counted report: official values under its own year's catalog. */
export function figuresOf(
  catalog: Catalog,
  report: ReportState | undefined,
): Readonly<Record<string, IndicatorValue>> | undefined {
  if (!report || !isCounted(report)) return undefined;
  return computeIndicators(catalog, officialFigures(report).values);
}

/** Last year's reports in unit id order, for the PreviousYear of `year`; reading starts at once. */
export const lastYearReports = (sources: Sources, year: number): SortedCursor<ReportState> =>
  sortedCursor(sources.reportsInUnitOrder(year - 1), (r) => r.unitId);

/**
 * Last year's reports, taken in unit id order as this year's units are walked, and the predecessors of
 * reorganized units, loaded only for those units (so the pass stays one stream for an unchanged province).
 */
export class PreviousYear {
  readonly year: number;
  readonly reports: SortedCursor<ReportState>;
  private readonly predecessors = new Map<string, Unit>();
  /** Ids asked for and not found: asked once. */
  private readonly notFound = new Set<string>();
  /** Predecessors whose reports a successor was compared with: they are not orphans. */
  private readonly compared = new Set<string>();

  constructor(
    private readonly sources: Sources,
    year: number,
    /** Last year's catalog; without one there is nothing to compare with. */
    private readonly catalog: Catalog | undefined,
    /** The hierarchy day of last year. */
    private readonly previousDay: IsoDate,
    /** Last year's reports, when the run started reading them before it knew last year's day. */
    reports?: SortedCursor<ReportState>,
  ) {
    this.year = year - 1;
    this.reports = reports ?? lastYearReports(sources, year);
  }

  private async loadPredecessorsOf(unit: Unit): Promise<void> {
    const wantedOf = (units: Iterable<Unit>) =>
      predecessorIdsToLoad(units, this.predecessors).filter((id) => !this.notFound.has(id));
    for (let wanted = wantedOf([unit]); wanted.length;) {
      const found = await this.sources.unitsById(wanted);
      for (const u of found.values()) this.predecessors.set(u.id, u);
      for (const id of wanted) if (!found.has(id)) this.notFound.add(id);
      wanted = wantedOf(found.values());
    }
  }

  /** Last year's reports of units outside this year's hierarchy that no successor was compared with. */
  async orphans(): Promise<number> {
    return (await this.reports.rest()) - this.compared.size;
  }

  /**
   * Previous-year figures for `unit`: the one place the comparison with last year looks them up. Its own
   * report when it existed last year; its predecessors' counted reports combined, indicator by indicator as
   * a group is (numerators and denominators summed, never percentages averaged), when it was formed from
   * whole units. A split, a piece from nowhere, or a predecessor without a counted report leaves no change
   * to show, and the row says why. Called for every unit in id order, so the cursor stays in step.
   */
  async figuresFor(unit: Unit): Promise<PreviousFigures> {
    const own = await this.reports.take(unit.id);
    if (unit.predecessors?.length) await this.loadPredecessorsOf(unit);
    const basis = comparisonBasis(unit, this.previousDay, this.predecessors);
    const catalog = this.catalog;
    if (basis.kind === 'same') {
      const indicators = catalog ? figuresOf(catalog, own) : undefined;
      return { ...(indicators ? { indicators } : {}), comparedWith: { basis: 'same' } };
    }
    const predecessors = basis.kind === 'new' ? [] : basis.unitIds;
    const comparedWith = (missingReports: readonly string[] = []): ComparedWith => {
      const note = comparisonNote(basis, missingReports);
      return {
        basis: missingReports.length ? 'notComparable' : basis.kind,
        ...(predecessors.length ? { predecessors } : {}),
        ...(note ? { note } : {}),
      };
    };
    if (basis.kind !== 'predecessors' || !catalog) return { comparedWith: comparedWith() };
    const reports = await this.sources.reportsOf(this.year, predecessors);
    const missing = predecessors.filter((id) => !isCounted(reports.get(id)));
    if (missing.length) return { comparedWith: comparedWith(missing) };
    for (const id of predecessors) this.compared.add(id);
    const parts = predecessors.map((id) => figuresOf(catalog, reports.get(id)) ?? {});
    const indicators: Record<string, IndicatorValue> = {};
    for (const indicator of catalog.indicators) {
      indicators[indicator.code] = aggregateIndicator(
        indicator,
        parts.map((p) => p[indicator.code] ?? { numerator: null, denominator: null, value: null }),
      );
    }
    return { indicators, comparedWith: comparedWith() };
  }
}
