import { aggregateIndicator, computeIndicators, type Catalog } from '../catalog/index.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { isCounted, type ReportState } from '../domain/report.ts';
import {
  comparisonBasis,
  comparisonNote,
  predecessorIdsToLoad,
  type ComparisonBasis,
} from '../domain/yearHierarchy.ts';
import type { IsoDate, Unit } from '../hierarchy.ts';
import type { RollupSources } from './ports.ts';

/** What a unit row says about the figures its change is measured against. */
export interface ComparedWith {
  readonly basis: ComparisonBasis['kind'];
  /** The predecessors whose figures were combined (or would have been). */
  readonly predecessors?: readonly string[];
  /** Why there is no change to show: "không so sánh được / not comparable", or a new unit. */
  readonly note?: Bilingual;
}

export interface PreviousFigures {
  /** Last year's value per indicator; absent when there is nothing honest to compare with. */
  readonly values?: Record<string, number | null>;
  readonly comparedWith: ComparedWith;
}

/**
 * Last year's figures of this year's units. A unit that existed last year brings its own (`own`, read as
 * the rollup reads last year). A unit formed since from whole predecessors is compared with their reports
 * of last year combined, indicator by indicator as a group is: numerators and denominators summed, never
 * percentages averaged. A split, a piece from nowhere, or a predecessor without a counted report leaves no
 * change to show, and the row says why. Only reorganized units cost reads: their predecessors' units and
 * last year's reports.
 */
export class PreviousYear {
  /** Predecessors loaded so far: only reorganized units have any, so this stays small. */
  private readonly predecessors = new Map<string, Unit>();

  constructor(
    private readonly catalog: Catalog,
    private readonly year: number,
    /** The hierarchy day of last year. */
    private readonly previousDay: IsoDate,
    private readonly sources: Pick<RollupSources, 'unitsById' | 'reportsOf'>,
  ) {}

  /** Ids asked for and not found: asked once. */
  private readonly notFound = new Set<string>();

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

  async of(unit: Unit, own: Record<string, number | null> | undefined): Promise<PreviousFigures> {
    if (unit.predecessors?.length) await this.loadPredecessorsOf(unit);
    const basis = comparisonBasis(unit, this.previousDay, this.predecessors);
    if (basis.kind === 'same') return { ...(own ? { values: own } : {}), comparedWith: { basis: 'same' } };
    const predecessors = basis.kind === 'new' ? [] : basis.unitIds;
    const comparedWith = (missingReports: readonly string[] = []): ComparedWith => {
      const note = comparisonNote(basis, missingReports);
      return {
        basis: missingReports.length ? 'notComparable' : basis.kind,
        ...(predecessors.length ? { predecessors } : {}),
        ...(note ? { note } : {}),
      };
    };
    if (basis.kind !== 'predecessors') return { comparedWith: comparedWith() };
    const reports = await this.sources.reportsOf(this.year - 1, predecessors);
    const missing = predecessors.filter((id) => !isCounted(reports.get(id)));
    if (missing.length) return { comparedWith: comparedWith(missing) };
    const parts = predecessors.map((id) =>
      computeIndicators(this.catalog, (reports.get(id) as ReportState).values),
    );
    const values: Record<string, number | null> = {};
    for (const indicator of this.catalog.indicators) {
      values[indicator.code] = aggregateIndicator(
        indicator,
        parts.map((p) => p[indicator.code] ?? { numerator: null, denominator: null, value: null }),
      ).value;
    }
    return { values, comparedWith: comparedWith() };
  }
}
