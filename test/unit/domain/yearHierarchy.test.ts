import { describe, expect, it } from 'vitest';
import {
  comparisonBasis,
  comparisonNote,
  expectedToReport,
  hierarchyDayOf,
  inYearHierarchy,
  predecessorIdsToLoad,
} from '#shared/domain/yearHierarchy';
import type { Unit } from '#shared/hierarchy';
import { seedUnits } from '../../../local/seedData.ts';
import { expectBilingual } from '../expectations.ts';

const byId = new Map(seedUnits.map((u) => [u.id, u]));
const seed = (id: string) => byId.get(id)!;
const expectedIn = (year: number) =>
  seedUnits.filter((u) => expectedToReport(u, hierarchyDayOf({ year }))).map((u) => u.id);

describe('each year is reported by the hierarchy of that year', () => {
  it('the hierarchy day is 31 December, unless the period names another day of the year', () => {
    expect(hierarchyDayOf({ year: 2025 })).toBe('2025-12-31');
    expect(hierarchyDayOf({ year: 2025, hierarchyAsOf: '2025-06-30' })).toBe('2025-06-30');
  });

  it('2024: the three-tier units; the units formed in 2025 do not report for 2024', () => {
    const y2024 = expectedIn(2024);
    expect(y2024).toEqual(
      expect.arrayContaining(['so-tttt', 'so-khdt', 'muong-ang', 'tt-muong-ang', 'xa-ang-cang']),
    );
    expect(y2024).not.toContain('xa-muong-ang');
    expect(y2024).not.toContain('so-khcn-2025');
  });

  it('2025: a unit that ceased during the year (30 June, 28 February) is not expected; its successor is, for the whole year', () => {
    const y2025 = expectedIn(2025);
    for (const gone of ['muong-ang', 'tt-muong-ang', 'xa-ang-nua', 'xa-ang-cang', 'so-tttt', 'so-khdt'])
      expect(y2025).not.toContain(gone);
    expect(y2025).toEqual(
      expect.arrayContaining([
        'xa-muong-ang',
        'phuong-dien-bien-phu',
        'so-khcn-2025',
        'so-tai-chinh-2025',
        'so-noi-vu',
      ]),
    );
    // No unit of 2025 is of the district level.
    expect(y2025.filter((id) => seed(id).level === 'district')).toEqual([]);
  });

  it('the province itself belongs to every year’s hierarchy but files no report', () => {
    expect(inYearHierarchy(seed('dien-bien'), '2025-12-31')).toBe(true);
    expect(expectedIn(2025)).not.toContain('dien-bien');
  });

  it('a period that names 30 June 2025 reports 2025 by the three-tier hierarchy', () => {
    const ids = seedUnits.filter((u) => expectedToReport(u, '2025-06-30')).map((u) => u.id);
    expect(ids).toContain('muong-ang');
    expect(ids).not.toContain('xa-muong-ang');
    // The merged departments began on 1 March 2025.
    expect(ids).toContain('so-khcn-2025');
    expect(ids).not.toContain('so-tttt');
  });
});

describe('what a unit is compared with across a reorganization', () => {
  const lastYear = '2024-12-31';

  it('xã Mường Ảng: its three predecessors combined', () => {
    expect(comparisonBasis(seed('xa-muong-ang'), lastYear, byId)).toEqual({
      kind: 'predecessors',
      unitIds: ['tt-muong-ang', 'xa-ang-cang', 'xa-ang-nua'],
    });
  });

  it('a merged department: both departments combined, not its own pre-merger self alone', () => {
    expect(comparisonBasis(seed('so-khcn-2025'), lastYear, byId)).toEqual({
      kind: 'predecessors',
      unitIds: ['so-khcn', 'so-tttt'],
    });
  });

  it('a unit that existed last year: itself', () => {
    expect(comparisonBasis(seed('so-noi-vu'), lastYear, byId)).toEqual({ kind: 'same' });
    expect(comparisonBasis(seed('xa-muong-ang'), '2025-12-31', byId)).toEqual({ kind: 'same' });
  });

  const unit = (id: string, patch: Partial<Unit>): Unit => ({
    id,
    code: id,
    name: { vi: id, en: id },
    level: 'commune',
    reports: true,
    validFrom: '2025-07-01',
    ...patch,
  });

  it('a split: not comparable, no change shown', () => {
    const a = unit('a', { validFrom: '2014-01-01', validTo: '2025-06-30' });
    const b = unit('b', { predecessors: [{ unitId: 'a', change: 'split' }] });
    const basis = comparisonBasis(b, lastYear, new Map([[a.id, a]]));
    expect(basis).toEqual({ kind: 'notComparable', reason: 'split', unitIds: ['a'] });
    const note = comparisonNote(basis);
    expectBilingual(note);
    expect(note?.vi).toContain('không so sánh được');
    expect(note?.en).toContain('not comparable');
  });

  it('changes within the year are followed back to last year’s units', () => {
    const a = unit('a', { validFrom: '2014-01-01', validTo: '2025-02-28' });
    const b = unit('b', {
      validFrom: '2025-03-01',
      validTo: '2025-06-30',
      predecessors: [{ unitId: 'a', change: 'rename' }],
    });
    const c = unit('c', { validFrom: '2014-01-01', validTo: '2025-06-30' });
    const d = unit('d', {
      predecessors: [
        { unitId: 'b', change: 'merge' },
        { unitId: 'c', change: 'merge' },
      ],
    });
    const all = new Map([a, b, c].map((u) => [u.id, u]));
    expect(comparisonBasis(d, lastYear, all)).toEqual({ kind: 'predecessors', unitIds: ['a', 'c'] });
    expect(predecessorIdsToLoad([d], new Map())).toEqual(['b', 'c']);
    expect(predecessorIdsToLoad([d, b], all)).toEqual([]);
  });

  it('a new unit with no predecessors, or a piece from nowhere', () => {
    expect(comparisonBasis(unit('n', {}), lastYear, byId)).toEqual({ kind: 'new' });
    const p = unit('p', { validFrom: '2025-03-01', validTo: '2025-06-30' });
    const q = unit('q', { predecessors: [{ unitId: 'p', change: 'merge' }] });
    expect(comparisonBasis(q, lastYear, new Map([[p.id, p]]))).toEqual({
      kind: 'notComparable',
      reason: 'incomplete',
      unitIds: [],
    });
  });

  it('a predecessor without last year’s report makes the combination not comparable, naming it', () => {
    const note = comparisonNote({ kind: 'predecessors', unitIds: ['xa-pa-ham', 'xa-hua-ngai'] }, [
      'xa-hua-ngai',
    ]);
    expect(note?.en).toContain('xa-hua-ngai');
    expect(note?.vi).toContain('không so sánh được');
  });
});
