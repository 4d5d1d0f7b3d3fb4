import { ancestorsOf, type Unit } from '../hierarchy.ts';
import { DISPLAY_STATUSES, type DisplayStatus } from '../contract/statuses.ts';
import { displayStatusOf, type ReportState } from './report.ts';

export type ReportSummary = Pick<ReportState, 'unitId' | 'status' | 'late' | 'version'> &
  Partial<Pick<ReportState, 'submittedAt' | 'updatedAt' | 'acceptedAt'>>;

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
}

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
      const status = displayStatusOf(s);
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
      (!f.statuses?.length || f.statuses.includes(r.status)),
  );
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

/** A page after `cursor` (the last unit id of the previous page), and the cursor for the next page. */
export function pageOf<T extends { unitId: string }>(
  rows: readonly T[],
  cursor: string | undefined,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const start = cursor ? rows.findIndex((r) => r.unitId > cursor) : 0;
  const from = start < 0 ? rows.length : start;
  const items = rows.slice(from, from + limit);
  const more = from + limit < rows.length;
  return { items, nextCursor: more && items.length ? (items[items.length - 1] as T).unitId : null };
}
