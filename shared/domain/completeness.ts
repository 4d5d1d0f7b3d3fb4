import { ancestorsOf, type Unit } from '../hierarchy.ts';
import { DISPLAY_STATUSES, type DisplayStatus } from '../contract/statuses.ts';
import type { ReviewSort } from '../contract/reviewList.ts';
import { displayStatusOf, type ReportState } from './report.ts';
import { lazy } from '../lazy.ts';

export type ReportSummary = Pick<ReportState, 'unitId' | 'status' | 'late' | 'version'> &
  Partial<Pick<ReportState, 'submittedAt' | 'updatedAt' | 'acceptedAt' | 'preliminary'>>;

export interface UnitStatus {
  readonly unitId: string;
  readonly code: string;
  readonly name: Unit['name'];
  readonly level: string;
  readonly parentId?: string;
  readonly status: DisplayStatus;
  readonly version: number;
  readonly late: boolean;
  /** Deadline passed and nothing submitted. */
  readonly overdue: boolean;
  readonly submittedAt?: string;
  readonly updatedAt?: string;
}

export interface UnitFilters {
  readonly statuses?: readonly DisplayStatus[];
  /** A unit and every unit below it. */
  readonly within?: string;
  readonly level?: string;
  readonly parent?: string;
  /** Words found in the unit's name (either language) or code, ignoring case and diacritics. */
  readonly name?: string;
  /** Submitted on or after / on or before these days in Vietnam (YYYY-MM-DD); a unit never submitted is out. */
  readonly submittedFrom?: string;
  readonly submittedTo?: string;
}

/** Lower case, without diacritics (đ is d): what a name search compares. */
export const searchable = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** The calendar day in Vietnam (UTC+7 all year) of an ISO instant. */
const vietnamDayOf = (iso: string): string =>
  new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 10);

export type StatusCounts = Record<DisplayStatus, number> & { expected: number; overdue: number };

/** Every unit expected to report, with the status of its report (not started when there is none). */
export function unitStatuses(
  units: readonly Unit[],
  summaries: ReadonlyMap<string, ReportSummary>,
  /** The unit's own deadline: a lock exception moves it. */
  deadlineOf: (unitId: string) => Date,
  now: Date,
): UnitStatus[] {
  return units
    .filter((u) => u.reports)
    .map((u) => {
      const s = summaries.get(u.id);
      const status = displayStatusOf(s, now);
      return {
        unitId: u.id,
        code: u.code,
        name: u.name,
        level: u.level,
        ...(u.parentId ? { parentId: u.parentId } : {}),
        status,
        version: s?.version ?? 0,
        late: s?.late ?? false,
        overdue: now >= deadlineOf(u.id) && (status === 'not_started' || status === 'draft'),
        ...(s?.submittedAt ? { submittedAt: s.submittedAt } : {}),
        ...(s?.updatedAt ? { updatedAt: s.updatedAt } : {}),
      };
    })
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
}

export function filterUnits(
  rows: readonly UnitStatus[],
  units: readonly Unit[],
  f: UnitFilters,
): UnitStatus[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  return rows.filter(
    (r) =>
      (!f.level || r.level === f.level) &&
      (!f.parent || r.parentId === f.parent) &&
      (!f.within || r.unitId === f.within || ancestorsOf(r.unitId, byId).some((a) => a.id === f.within)) &&
      (!f.statuses?.length || f.statuses.includes(r.status)) &&
      matchesName(r, f.name) &&
      submittedBetween(r, f.submittedFrom, f.submittedTo),
  );
}

function matchesName(r: UnitStatus, query: string | undefined): boolean {
  const words = searchable(query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return true;
  const text = searchable(`${r.name.vi} ${r.name.en} ${r.code}`);
  return words.every((w) => text.includes(w));
}

function submittedBetween(r: UnitStatus, from: string | undefined, to: string | undefined): boolean {
  if (!from && !to) return true;
  if (!r.submittedAt) return false;
  const day = vietnamDayOf(r.submittedAt);
  return (!from || day >= from) && (!to || day <= to);
}

/**
 * Where a row sits in an order: the sorted value, then the name, then the id, so that every order is total
 * and a page's last key is a cursor that survives the rows around it changing.
 */
export type SortKey = readonly [string | number | null, string, string];

export interface SortContext {
  /** A level's rank: a lower rank sits higher (the hierarchy's head). */
  readonly levelRank: (levelId: string) => number;
  /** A unit's name in Vietnamese, for the parent column. */
  readonly nameOf: (unitId: string) => string | undefined;
}

export function sortKeyOf(r: UnitStatus, sort: ReviewSort, ctx: SortContext): SortKey {
  const primary = ((): string | number | null => {
    switch (sort.key) {
      case 'name':
        return r.name.vi;
      case 'code':
        return r.code;
      case 'level':
        return ctx.levelRank(r.level);
      case 'parent':
        return r.parentId ? (ctx.nameOf(r.parentId) ?? r.parentId) : null;
      case 'status':
        return DISPLAY_STATUSES.indexOf(r.status);
      case 'submittedAt':
        return r.submittedAt ?? null;
    }
  })();
  return [primary, r.name.vi, r.unitId];
}

const collator = lazy(() => new Intl.Collator('vi', { numeric: true, sensitivity: 'base' }));
const compareValues = (a: string | number, b: string | number): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : collator().compare(String(a), String(b));

/** Compares two keys in the order asked for; a missing value (never submitted, no parent) goes last either way. */
export function compareSortKeys(sort: ReviewSort): (a: SortKey, b: SortKey) => number {
  const dir = sort.descending ? -1 : 1;
  return (a, b) => {
    const [pa, na, ia] = a;
    const [pb, nb, ib] = b;
    if (pa !== pb) {
      if (pa === null) return 1;
      if (pb === null) return -1;
      const c = compareValues(pa, pb);
      if (c) return dir * c;
    }
    return collator().compare(na, nb) || (ia < ib ? -1 : ia > ib ? 1 : 0);
  };
}

/** The rows in the order asked for, each with its key for the cursor. */
export function sortUnits(
  rows: readonly UnitStatus[],
  sort: ReviewSort,
  ctx: SortContext,
): { row: UnitStatus; key: SortKey }[] {
  const cmp = compareSortKeys(sort);
  return rows.map((row) => ({ row, key: sortKeyOf(row, sort, ctx) })).sort((a, b) => cmp(a.key, b.key));
}

export function countStatuses(rows: readonly UnitStatus[]): StatusCounts {
  const counts = Object.fromEntries(DISPLAY_STATUSES.map((s) => [s, 0])) as Record<DisplayStatus, number>;
  let overdue = 0;
  for (const r of rows) {
    counts[r.status] += 1;
    if (r.overdue) overdue += 1;
  }
  return { ...counts, expected: rows.length, overdue };
}

/**
 * A page after `cursor` (the last key of the previous page), and the cursor for the next page. By default the
 * rows are in id order and the key is the id.
 */
export function pageOf<T extends { unitId: string }, K = string>(
  rows: readonly T[],
  cursor: K | undefined,
  limit: number,
  keyOf: (row: T) => K = (row) => row.unitId as K,
  compare: (a: K, b: K) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0),
): { items: T[]; nextCursor: K | null } {
  const start = cursor === undefined ? 0 : rows.findIndex((r) => compare(keyOf(r), cursor) > 0);
  const from = start < 0 ? rows.length : start;
  const items = rows.slice(from, from + limit);
  const more = from + limit < rows.length;
  return { items, nextCursor: more && items.length ? keyOf(items[items.length - 1] as T) : null };
}
