import type { Bilingual } from './contract/i18n.ts';

/**
 * The administrative hierarchy through time, held as data: levels and units each have a validity, and a unit
 * records the units it came from. Nothing here names a level; the levels of a day are whatever the stored
 * levels valid on that day are (in Điện Biên: province → district → commune up to 30 June 2025, province →
 * commune from 1 July 2025). See docs/hierarchy.md.
 *
 * Dates are calendar days in Vietnam, `YYYY-MM-DD`, both ends inclusive; no `validTo` means "still valid".
 * A unit's attributes (name, level, parent) hold for its whole validity: a real change is a new unit whose
 * predecessors are the old ones, so a later change never rewrites an earlier day.
 */
export type IsoDate = string;

export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** Level ids follow the unit id rule. */
export const LEVEL_ID_PATTERN = UNIT_ID_PATTERN;

/*
 * TransactWriteItems takes at most 100 items, and a hierarchy edit is one transaction: its units, the
 * hierarchy head it conditions on and bumps, the request's idempotency claim, and its audit entry (the entry
 * and its chain's head). A bigger hierarchy is loaded in several requests, parents first.
 */
export const MAX_UNITS_PER_EDIT = 96;

/** A span of days: from `validFrom` through `validTo`, or open-ended. */
export interface Validity {
  readonly validFrom: IsoDate;
  readonly validTo?: IsoDate;
}

/** An administrative level in a period. `rank` orders levels: a lower rank sits higher (province 0). */
export interface Level extends Validity {
  readonly id: string;
  readonly name: Bilingual;
  readonly rank: number;
  /** The legal document the level rests on, and the one that ended it. */
  readonly establishedBy?: string;
  readonly endedBy?: string;
}

/**
 * How a unit came from an earlier one. The change takes effect on the successor's `validFrom`; the
 * predecessor's validity ends the day before.
 * - `merge`: all of the predecessor went into this unit (with others, or absorbing them).
 * - `split`: only part of the predecessor went into this unit; the rest went to other successors.
 * - `rename`: one predecessor, same territory, a new name, level or parent.
 */
export const CHANGE_KINDS = ['merge', 'split', 'rename'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Predecessor {
  readonly unitId: string;
  readonly change: ChangeKind;
}

/** A unit of the hierarchy. Its schema (for the units API) is in unitSchema.ts, kept apart so that code which
 * only walks the hierarchy does not carry zod. */
export interface Unit extends Validity {
  readonly id: string;
  readonly code: string;
  readonly name: Bilingual;
  /** A level id; the level must be valid throughout the unit's validity. */
  readonly level: string;
  readonly parentId?: string;
  /** Whether the unit is expected to file a yearly report while it is valid. */
  readonly reports: boolean;
  readonly predecessors?: readonly Predecessor[];
  /** The legal document that made the unit what it is (for a successor: the one that made the change). */
  readonly establishedBy?: string;
  /** The legal document that ended it. */
  readonly endedBy?: string;
  /** The unit's official mailbox, where reminders to report go (its office, not a person). */
  readonly contactEmail?: string;
}

/** Whether a validity covers the day. ISO dates compare as strings. */
export const isValidOn = (v: Validity, day: IsoDate): boolean =>
  v.validFrom <= day && (v.validTo === undefined || day <= v.validTo);

/** Whether `outer` covers every day of `inner`. */
export const covers = (outer: Validity, inner: Validity): boolean =>
  outer.validFrom <= inner.validFrom &&
  (outer.validTo === undefined || (inner.validTo !== undefined && inner.validTo <= outer.validTo));

/** Whether two validities share a day. */
export const overlaps = (a: Validity, b: Validity): boolean =>
  (a.validTo === undefined || b.validFrom <= a.validTo) &&
  (b.validTo === undefined || a.validFrom <= b.validTo);

export { dayAfter, dayBefore, vietnamDay } from './contract/days.ts';

/** A real calendar day, not just the shape of one (no 31 February). */
export const isIsoDate = (s: string): boolean =>
  ISO_DATE_PATTERN.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** The last day of a year: by default, the hierarchy a year is reported by (see domain/yearHierarchy.ts). */
export const yearEnd = (year: number): IsoDate => `${year}-12-31`;

/** The levels valid on a day, highest first. */
export function levelsOn(levels: readonly Level[], day: IsoDate): Level[] {
  return levels.filter((l) => isValidOn(l, day)).sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1));
}

/** The chain of ancestors of a unit, nearest first. A cycle or missing parent ends the chain. */
export function ancestorsOf(unitId: string, byId: ReadonlyMap<string, Unit>): Unit[] {
  const out: Unit[] = [];
  const seen = new Set<string>([unitId]);
  let parentId = byId.get(unitId)?.parentId;
  while (parentId && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    out.push(parent);
    seen.add(parentId);
    parentId = parent.parentId;
  }
  return out;
}
