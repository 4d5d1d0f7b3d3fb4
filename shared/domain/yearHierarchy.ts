import { isValidOn, yearEnd, type IsoDate, type Unit } from '../hierarchy.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';

/**
 * Each year is reported by the hierarchy of that year (docs/hierarchy.md):
 *
 * - The hierarchy of year Y is the one valid on Y's hierarchy day: 31 December of Y, unless the period
 *   names another day of Y (`hierarchyAsOf`).
 * - The units expected to report for Y are the reporting units valid on that day. Its levels, and the
 *   parent each unit is grouped under, are those of that day.
 * - A unit that ceases during Y (say on 30 June) is not expected for Y: its successors report the whole
 *   year for its territory. A unit that begins during Y (on 1 July) is expected for Y, for the whole year.
 * - An earlier year never changes when the hierarchy does, because a change only ends units (their days up
 *   to the end stay as they were) and creates new ones; it never rewrites a day that has passed.
 */
export function hierarchyDayOf(period: { readonly year: number; readonly hierarchyAsOf?: IsoDate }): IsoDate {
  return period.hierarchyAsOf ?? yearEnd(period.year);
}

/** Whether the unit belongs to the hierarchy of the year whose hierarchy day is `day`. */
export const inYearHierarchy = (unit: Unit, day: IsoDate): boolean => isValidOn(unit, day);

/** Whether the unit is expected to file the report of the year whose hierarchy day is `day`. */
export const expectedToReport = (unit: Unit, day: IsoDate): boolean => unit.reports && isValidOn(unit, day);

/**
 * What this year's figures of a unit are compared with:
 * - `same`: the unit existed last year; its own figures.
 * - `predecessors`: it was formed since from whole predecessors (a merge or a rename); their figures
 *   combined, numerators and denominators summed, never percentages averaged.
 * - `notComparable`: part of its territory came from a split, or from a unit that did not exist last year.
 * - `new`: it has no predecessors and did not exist last year; there is nothing to compare with.
 */
export type ComparisonBasis =
  | { readonly kind: 'same' }
  | { readonly kind: 'predecessors'; readonly unitIds: readonly string[] }
  | {
      readonly kind: 'notComparable';
      readonly reason: 'split' | 'incomplete';
      readonly unitIds: readonly string[];
    }
  | { readonly kind: 'new' };

/**
 * The basis of comparison of `unit` (of this year's hierarchy) with the year whose hierarchy day is
 * `previousDay`. Predecessors created and ended within the year are followed back to the units of last
 * year's hierarchy. `byId` must hold the unit's predecessors, theirs, and so on (see predecessorIdsToLoad).
 */
export function comparisonBasis(
  unit: Unit,
  previousDay: IsoDate,
  byId: ReadonlyMap<string, Unit>,
): ComparisonBasis {
  if (inYearHierarchy(unit, previousDay)) return { kind: 'same' };
  if (!unit.predecessors?.length) return { kind: 'new' };
  const parts = new Set<string>();
  const visited = new Set<string>([unit.id]);
  let split = false;
  let incomplete = false;
  const walk = (u: Unit) => {
    for (const link of u.predecessors ?? []) {
      if (link.change === 'split') split = true;
      if (visited.has(link.unitId)) continue;
      visited.add(link.unitId);
      const p = byId.get(link.unitId);
      if (!p) incomplete = true;
      else if (inYearHierarchy(p, previousDay)) parts.add(p.id);
      else if (p.predecessors?.length) walk(p);
      else incomplete = true;
    }
  };
  walk(unit);
  const unitIds = [...parts].sort();
  if (split) return { kind: 'notComparable', reason: 'split', unitIds };
  if (incomplete || !unitIds.length) return { kind: 'notComparable', reason: 'incomplete', unitIds };
  return { kind: 'predecessors', unitIds };
}

/** Predecessor ids of these units that `byId` does not hold yet: load them, then ask again until none. */
export function predecessorIdsToLoad(units: Iterable<Unit>, byId: ReadonlyMap<string, Unit>): string[] {
  const out = new Set<string>();
  for (const u of units) for (const p of u.predecessors ?? []) if (!byId.has(p.unitId)) out.add(p.unitId);
  return [...out].sort();
}

export const NOT_COMPARABLE: Bilingual = bi('không so sánh được', 'not comparable');

/** Why a unit's change against last year is not shown, in words. */
export function comparisonNote(
  basis: ComparisonBasis,
  missingReports: readonly string[] = [],
): Bilingual | undefined {
  if (basis.kind === 'notComparable') {
    return basis.reason === 'split'
      ? bi(
          `${NOT_COMPARABLE.vi}: một phần địa bàn đến từ đơn vị bị chia tách`,
          `${NOT_COMPARABLE.en}: part of its territory came from a unit that was split`,
        )
      : bi(
          `${NOT_COMPARABLE.vi}: một phần địa bàn không thuộc đơn vị nào của năm trước`,
          `${NOT_COMPARABLE.en}: part of its territory belonged to no unit of last year`,
        );
  }
  if (missingReports.length) {
    return bi(
      `${NOT_COMPARABLE.vi}: đơn vị tiền thân chưa có báo cáo năm trước (${missingReports.join(', ')})`,
      `${NOT_COMPARABLE.en}: predecessors without last year's report (${missingReports.join(', ')})`,
    );
  }
  if (basis.kind === 'new') return bi('đơn vị mới, không có năm trước', 'a new unit, no previous year');
  return undefined;
}
