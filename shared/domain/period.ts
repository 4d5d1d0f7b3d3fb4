import type { PeriodInput } from '../contract/bodies.ts';
import { DEFAULT_OBJECTION_WINDOW_DAYS } from '../contract/review.ts';

/*
 * A reporting period. Vietnam keeps UTC+7 all year, so Asia/Ho_Chi_Minh midnight is 17:00 UTC.
 */
export interface Period extends PeriodInput {
  readonly year: number;
  /** True when nobody set the period and Circular 06/2013's defaults apply. */
  readonly isDefault: boolean;
}

const VIETNAM_OFFSET = '+07:00';

export function defaultPeriod(year: number): Period {
  return {
    year,
    opensAt: `${year}-01-01T00:00:00${VIETNAM_OFFSET}`,
    deadline: `${year + 1}-02-01T00:00:00${VIETNAM_OFFSET}`,
    lockExceptions: [],
    isDefault: true,
  };
}

/** The moment after which the unit can no longer submit: the deadline, or its lock exception if later. */
export function deadlineFor(period: Period, unitId: string): Date {
  const base = new Date(period.deadline);
  const exception = period.lockExceptions.find((e) => e.unitId === unitId);
  if (!exception) return base;
  const until = new Date(exception.until);
  return until > base ? until : base;
}

/**
 * The reporting years whose reports may still be due (Vietnam time): last year, whose deadline falls in this
 * one, and this year.
 */
export function reportingYearsInProgress(now: Date): number[] {
  const year = new Date(now.getTime() + 7 * 3600_000).getUTCFullYear();
  return [year - 1, year];
}

/** Days the unit has to agree with or object to a preliminary result (giải trình). */
export const objectionWindowDays = (period: Pick<Period, 'objectionWindowDays'>): number =>
  period.objectionWindowDays ?? DEFAULT_OBJECTION_WINDOW_DAYS;

export const isOpen = (period: Period, now: Date): boolean => now >= new Date(period.opensAt);

export const isLate = (period: Period, submittedAt: Date): boolean =>
  submittedAt >= new Date(period.deadline);

export function periodProblems(input: PeriodInput, year: number): { path: string; code: string }[] {
  const problems: { path: string; code: string }[] = [];
  if (new Date(input.deadline) <= new Date(input.opensAt))
    problems.push({ path: 'deadline', code: 'before_opening' });
  // The year the opening falls in, in Vietnam (UTC+7 all year).
  const opensInVietnam = new Date(new Date(input.opensAt).getTime() + 7 * 3600_000).getUTCFullYear();
  if (opensInVietnam > year + 1) problems.push({ path: 'opensAt', code: 'too_late' });
  const seen = new Set<string>();
  input.lockExceptions.forEach((e, i) => {
    if (seen.has(e.unitId)) problems.push({ path: `lockExceptions.${i}.unitId`, code: 'duplicate' });
    seen.add(e.unitId);
  });
  return problems;
}

export interface LockExceptionChange {
  readonly unitId: string;
  readonly change: 'granted' | 'changed' | 'revoked';
  readonly until?: string;
  readonly reason?: string;
}

/** What a new period does to each unit's lock exception, in unit id order. */
export function lockExceptionChanges(
  before: PeriodInput['lockExceptions'],
  after: PeriodInput['lockExceptions'],
): LockExceptionChange[] {
  const old = new Map(before.map((e) => [e.unitId, e]));
  const now = new Map(after.map((e) => [e.unitId, e]));
  const changes: LockExceptionChange[] = [];
  for (const unitId of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(unitId);
    const b = now.get(unitId);
    if (!b) changes.push({ unitId, change: 'revoked' });
    else if (!a) changes.push({ unitId, change: 'granted', until: b.until, reason: b.reason });
    else if (a.until !== b.until || a.reason !== b.reason)
      changes.push({ unitId, change: 'changed', until: b.until, reason: b.reason });
  }
  return changes;
}
