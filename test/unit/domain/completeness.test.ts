import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareSortKeys,
  countStatuses,
  filterUnits,
  pageOf,
  searchable,
  sortUnits,
  unitStatuses,
  type ReportSummary,
  type SortKey,
  type UnitStatus,
} from '#shared/domain/completeness';
import type { ReviewSort } from '#shared/contract/reviewList';
import { DISPLAY_STATUSES } from '#shared/contract/statuses';
import { UNIT_ID_PATTERN, type Unit } from '#shared/hierarchy';

const DEADLINE = new Date('2026-01-31T17:00:00.000Z');
const BEFORE = new Date('2026-01-15T00:00:00.000Z');
const AFTER = new Date('2026-02-05T00:00:00.000Z');

const unit = (id: string, level: Unit['level'], parentId?: string, reports = true): Unit => ({
  id,
  code: id.toUpperCase(),
  name: { vi: `Đơn vị ${id}`, en: `Unit ${id}` },
  level,
  ...(parentId ? { parentId } : {}),
  reports,
  validFrom: '2014-01-01',
});

// hn ─┬─ hn-bd ─┬─ hn-bd-x
//     │         └─ hn-bd-y
//     ├─ hn-cg
//     └─ hn-old (retired: reports false)
// dn ─── dn-hc ─── dn-hc-z
const UNITS: Unit[] = [
  unit('hn-bd-y', 'commune', 'hn-bd'),
  unit('hn', 'province'),
  unit('hn-bd', 'district', 'hn'),
  unit('hn-bd-x', 'commune', 'hn-bd'),
  unit('hn-cg', 'district', 'hn'),
  unit('hn-old', 'district', 'hn', false),
  unit('dn', 'province'),
  unit('dn-hc', 'district', 'dn'),
  unit('dn-hc-z', 'commune', 'dn-hc'),
];

const summary = (unitId: string, patch: Partial<ReportSummary>): ReportSummary => ({
  unitId,
  status: 'draft',
  late: false,
  version: 1,
  ...patch,
});

const SUMMARIES = new Map<string, ReportSummary>([
  ['hn', summary('hn', { status: 'submitted', version: 3, submittedAt: '2026-01-10T00:00:00.000Z' })],
  ['hn-bd', summary('hn-bd', { status: 'draft', version: 2, updatedAt: '2026-01-05T00:00:00.000Z' })],
  ['hn-bd-x', summary('hn-bd-x', { status: 'submitted', late: true, version: 4 })],
  ['hn-cg', summary('hn-cg', { status: 'returned', version: 5, late: true })],
  ['dn', summary('dn', { status: 'accepted', version: 6 })],
  ['dn-hc', summary('dn-hc', { status: 'draft', version: 0 })],
  ['hn-old', summary('hn-old', { status: 'submitted', version: 2 })],
]);

const statusById = (rows: readonly UnitStatus[]) => Object.fromEntries(rows.map((r) => [r.unitId, r.status]));
const ids = (rows: readonly { unitId: string }[]) => rows.map((r) => r.unitId);

describe('unitStatuses', () => {
  const rows = unitStatuses(UNITS, SUMMARIES, () => DEADLINE, BEFORE);

  it('lists only units expected to report, sorted by id', () => {
    expect(ids(rows)).toEqual(['dn', 'dn-hc', 'dn-hc-z', 'hn', 'hn-bd', 'hn-bd-x', 'hn-bd-y', 'hn-cg']);
  });

  it('shows each report as its display status; no report (or version 0) is not started', () => {
    expect(statusById(rows)).toEqual({
      dn: 'accepted',
      'dn-hc': 'not_started',
      'dn-hc-z': 'not_started',
      hn: 'submitted',
      'hn-bd': 'draft',
      'hn-bd-x': 'late',
      'hn-bd-y': 'not_started',
      'hn-cg': 'returned',
    });
  });

  it('carries the unit and report details', () => {
    const byId = new Map(rows.map((r) => [r.unitId, r]));
    expect(byId.get('hn')).toEqual({
      unitId: 'hn',
      code: 'HN',
      name: { vi: 'Đơn vị hn', en: 'Unit hn' },
      level: 'province',
      status: 'submitted',
      version: 3,
      late: false,
      overdue: false,
      submittedAt: '2026-01-10T00:00:00.000Z',
    });
    expect(byId.get('hn-bd')).toMatchObject({
      parentId: 'hn',
      version: 2,
      updatedAt: '2026-01-05T00:00:00.000Z',
    });
    expect(byId.get('hn-bd-y')).toMatchObject({ version: 0, late: false, overdue: false });
    expect(byId.get('hn')).not.toHaveProperty('parentId');
  });

  it('nothing is overdue before the deadline', () => {
    expect(rows.filter((r) => r.overdue)).toEqual([]);
  });

  it('from the deadline on, not-started and draft reports are overdue; submitted ones are not', () => {
    for (const now of [DEADLINE, AFTER]) {
      const after = unitStatuses(UNITS, SUMMARIES, () => DEADLINE, now);
      expect(ids(after.filter((r) => r.overdue))).toEqual(['dn-hc', 'dn-hc-z', 'hn-bd', 'hn-bd-y']);
    }
  });
});

describe('filterUnits', () => {
  const rows = unitStatuses(UNITS, SUMMARIES, () => DEADLINE, AFTER);
  const filtered = (f: Parameters<typeof filterUnits>[2]) => ids(filterUnits(rows, UNITS, f));

  it('no filter keeps every row', () => {
    expect(filtered({})).toEqual(ids(rows));
    expect(filtered({ statuses: [] })).toEqual(ids(rows));
  });

  it('by level', () => {
    expect(filtered({ level: 'district' })).toEqual(['dn-hc', 'hn-bd', 'hn-cg']);
  });

  it('by parent: direct children only', () => {
    expect(filtered({ parent: 'hn' })).toEqual(['hn-bd', 'hn-cg']);
    expect(filtered({ parent: 'hn-bd-x' })).toEqual([]);
  });

  it('within: the unit and its whole subtree, nothing beside it', () => {
    expect(filtered({ within: 'hn' })).toEqual(['hn', 'hn-bd', 'hn-bd-x', 'hn-bd-y', 'hn-cg']);
    expect(filtered({ within: 'hn-bd' })).toEqual(['hn-bd', 'hn-bd-x', 'hn-bd-y']);
    expect(filtered({ within: 'dn-hc-z' })).toEqual(['dn-hc-z']);
    expect(filtered({ within: 'nowhere' })).toEqual([]);
  });

  it('by statuses', () => {
    expect(filtered({ statuses: ['not_started', 'late'] })).toEqual([
      'dn-hc',
      'dn-hc-z',
      'hn-bd-x',
      'hn-bd-y',
    ]);
  });

  it('filters combine', () => {
    expect(filtered({ within: 'hn', level: 'commune', statuses: ['not_started'] })).toEqual(['hn-bd-y']);
    expect(filtered({ within: 'dn', parent: 'hn' })).toEqual([]);
  });

  it('within sees the subtree even when the hierarchy has a cycle elsewhere', () => {
    const looped = [...UNITS, unit('xa', 'commune', 'xb'), unit('xb', 'commune', 'xa')];
    const all = unitStatuses(looped, SUMMARIES, () => DEADLINE, AFTER);
    expect(ids(filterUnits(all, looped, { within: 'xa' }))).toEqual(['xa', 'xb']);
  });
});

describe('countStatuses', () => {
  it('counts every display status (zeros included), the expected total and the overdue', () => {
    const rows = unitStatuses(UNITS, SUMMARIES, () => DEADLINE, AFTER);
    expect(countStatuses(rows)).toEqual({
      not_started: 3,
      draft: 1,
      submitted: 1,
      late: 1,
      returned: 1,
      preliminary: 0,
      objected: 0,
      accepted: 1,
      expected: 8,
      overdue: 4,
    });
  });

  it('an empty list counts zero everywhere', () => {
    const counts = countStatuses([]);
    for (const s of DISPLAY_STATUSES) expect(counts[s]).toBe(0);
    expect(counts.expected).toBe(0);
    expect(counts.overdue).toBe(0);
  });
});

describe('pageOf', () => {
  const rows = ['a1', 'b2', 'c3', 'd4', 'e5'].map((unitId) => ({ unitId }));

  it('pages after the cursor, the cursor being the last id of the page', () => {
    expect(pageOf(rows, undefined, 2)).toEqual({ items: [rows[0], rows[1]], nextCursor: 'b2' });
    expect(pageOf(rows, 'b2', 2)).toEqual({ items: [rows[2], rows[3]], nextCursor: 'd4' });
    expect(pageOf(rows, 'd4', 2)).toEqual({ items: [rows[4]], nextCursor: null });
  });

  it('the cursor is null when the page reaches exactly the end', () => {
    expect(pageOf(rows, 'a1', 4)).toEqual({ items: rows.slice(1), nextCursor: null });
    expect(pageOf(rows, undefined, 5).nextCursor).toBeNull();
  });

  it('a cursor not in the list (a unit gone between pages) resumes after it in order', () => {
    expect(ids(pageOf(rows, 'b9', 2).items)).toEqual(['c3', 'd4']);
    expect(pageOf(rows, 'z', 2)).toEqual({ items: [], nextCursor: null });
  });

  it('an empty list is one empty page', () => {
    expect(pageOf([], undefined, 10)).toEqual({ items: [], nextCursor: null });
  });

  function pageThrough<T extends { unitId: string }>(list: readonly T[], limit: number) {
    const seen: T[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = pageOf(list, cursor, limit);
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      if (page.nextCursor === null) break;
      expect(page.items.length).toBe(limit);
      cursor = page.nextCursor;
      expect(pages).toBeLessThanOrEqual(list.length);
    }
    return { seen, pages };
  }

  const unitId = fc.stringMatching(UNIT_ID_PATTERN);

  it('property: paging through any sorted list with any page size visits every row once, in order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(unitId, { maxLength: 60 }),
        fc.integer({ min: 1, max: 70 }),
        (idList, limit) => {
          const list = [...idList].sort().map((id, i) => ({ unitId: id, i }));
          const { seen, pages } = pageThrough(list, limit);
          expect(seen).toEqual(list);
          expect(pages).toBe(Math.max(1, Math.ceil(list.length / limit)));
        },
      ),
    );
  });

  it("property: the same holds for unitStatuses' own ordering", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(unitId, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (idList, limit) => {
          const units = idList.map((id) => unit(id, 'commune'));
          const statuses = unitStatuses(units, new Map(), () => DEADLINE, BEFORE);
          const { seen } = pageThrough(statuses, limit);
          expect(ids(seen)).toEqual(ids(statuses));
          expect(new Set(ids(seen)).size).toBe(idList.length);
        },
      ),
    );
  });
});

describe('lock exceptions on the review list', () => {
  it('a unit whose own deadline is later is not overdue yet', () => {
    const later = new Date(AFTER.getTime() + 86_400_000);
    const rows = unitStatuses(
      UNITS,
      SUMMARIES,
      (unitId) => (unitId === UNITS[1]!.id ? later : DEADLINE),
      AFTER,
    );
    const excepted = rows.find((r) => r.unitId === UNITS[1]!.id)!;
    const others = rows.filter(
      (r) => r.unitId !== UNITS[1]!.id && (r.status === 'not_started' || r.status === 'draft'),
    );
    expect(excepted.overdue).toBe(false);
    expect(others.every((r) => r.overdue)).toBe(true);
  });
});

describe('sortUnits and the name and date filters', () => {
  const rows = unitStatuses(UNITS, SUMMARIES, () => DEADLINE, AFTER);
  const ctx = {
    levelRank: (id: string) => ['province', 'district', 'commune'].indexOf(id),
    nameOf: (id: string) => UNITS.find((u) => u.id === id)?.name.vi,
  };
  const sorted = (key: ReviewSort['key'], descending = false) =>
    sortUnits(rows, { key, descending }, ctx).map((s) => s.row.unitId);

  it('by level, highest first, then by name', () => {
    expect(sorted('level')).toEqual(['dn', 'hn', 'dn-hc', 'hn-bd', 'hn-cg', 'dn-hc-z', 'hn-bd-x', 'hn-bd-y']);
  });

  it('a missing value (never submitted, no parent) goes last in both directions', () => {
    expect(sorted('submittedAt')[0]).toBe('hn');
    expect(sorted('submittedAt', true)[0]).toBe('hn');
    expect(sorted('parent').slice(-2)).toEqual(['dn', 'hn']);
    expect(sorted('parent', true).slice(-2)).toEqual(['dn', 'hn']);
  });

  it('descending reverses the sorted column, and ties keep the name order', () => {
    expect(sorted('status', true).slice(0, 1)).toEqual(['dn']);
    const asc = sorted('name');
    expect(sorted('name', true)).toEqual([...asc].reverse());
  });

  it('pages by key through any order, whatever the page size', () => {
    for (const key of ['name', 'level', 'parent', 'status', 'submittedAt'] as const) {
      const sort = { key, descending: key === 'name' };
      const all = sortUnits(rows, sort, ctx).map((s) => ({ ...s, unitId: s.row.unitId }));
      const cmp = compareSortKeys(sort);
      const seen: string[] = [];
      let cursor: SortKey | undefined;
      for (;;) {
        const page = pageOf(all, cursor, 3, (s) => s.key, cmp);
        seen.push(...page.items.map((s) => s.unitId));
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(all.map((s) => s.unitId));
    }
  });

  it('the name search ignores case and diacritics, in either language or the code', () => {
    const named = (name: string) => ids(filterUnits(rows, UNITS, { name }));
    expect(named('ĐƠN VỊ HN-BD')).toEqual(['hn-bd', 'hn-bd-x', 'hn-bd-y']);
    expect(named('don vi hn-cg')).toEqual(['hn-cg']);
    expect(named('unit dn-hc-z')).toEqual(['dn-hc-z']);
    expect(named('HN-BD-X')).toEqual(['hn-bd-x']);
    expect(searchable('Điện Biên Phủ')).toBe('dien bien phu');
  });

  it('the submission days are Vietnam’s, inclusive, and a unit never submitted is outside any range', () => {
    const between = (submittedFrom?: string, submittedTo?: string) =>
      ids(
        filterUnits(rows, UNITS, {
          ...(submittedFrom ? { submittedFrom } : {}),
          ...(submittedTo ? { submittedTo } : {}),
        }),
      );
    // hn submitted at 2026-01-10T00:00Z, 07:00 in Vietnam the same day.
    expect(between('2026-01-10', '2026-01-10')).toEqual(['hn']);
    expect(between('2026-01-11')).toEqual([]);
    expect(between(undefined, '2026-01-09')).toEqual([]);
  });
});
