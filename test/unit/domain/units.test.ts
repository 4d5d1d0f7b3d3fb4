import { describe, expect, it } from 'vitest';
import {
  hierarchyProblems,
  levelProblems,
  planUnitsEdit,
  withUnits,
  type HierarchyState,
} from '#shared/domain/units';
import type { Level, Unit } from '#shared/hierarchy';
import { seedLevels, seedUnits } from '../../../local/seedData.ts';
import { expectBilingual } from '../expectations.ts';

const SINCE = '2014-01-01';
const levels: Level[] = [
  { id: 'province', name: { vi: 'Cấp tỉnh', en: 'Province' }, rank: 0, validFrom: SINCE },
  {
    id: 'district',
    name: { vi: 'Cấp huyện', en: 'District' },
    rank: 1,
    validFrom: SINCE,
    validTo: '2025-06-30',
  },
  { id: 'commune', name: { vi: 'Cấp xã', en: 'Commune' }, rank: 2, validFrom: SINCE },
];

const unit = (id: string, parentId?: string, patch: Partial<Unit> = {}): Unit => ({
  id,
  code: id.toUpperCase(),
  name: { vi: `Đơn vị ${id}`, en: `Unit ${id}` },
  level: parentId ? 'commune' : 'province',
  ...(parentId ? { parentId } : {}),
  reports: true,
  validFrom: SINCE,
  ...patch,
});

const stateOf = (...units: Unit[]): HierarchyState => ({
  levels,
  units: new Map(units.map((u) => [u.id, u])),
});
/** PUT /units's issues: [path, code]. */
const putProblems = (existing: Unit[], incoming: Unit[]) =>
  planUnitsEdit(stateOf(...existing), { units: incoming }).issues.map((p) => [p.path, p.code]);
const codesOf = (state: HierarchyState, touched: string[]) =>
  hierarchyProblems(state, new Set(touched)).map((p) => [p.unitId, p.code]);

describe('PUT /units: the batch against the hierarchy it joins', () => {
  const existing = [unit('hn'), unit('hn-bd', 'hn'), unit('hn-bd-x', 'hn-bd')];

  it('none for a sound batch: new roots, parents already stored, parents later in the batch', () => {
    expect(putProblems([], [unit('hn'), unit('hn-bd', 'hn')])).toEqual([]);
    expect(putProblems(existing, [unit('hn-cg', 'hn'), unit('hn-bd-y', 'hn')])).toEqual([]);
    expect(putProblems([], [unit('hn-bd', 'hn'), unit('hn')])).toEqual([]);
  });

  it('moving an existing unit to another valid parent is fine', () => {
    expect(putProblems([...existing, unit('dn')], [unit('hn-bd-x', 'dn')])).toEqual([]);
  });

  it('a deep chain is no cycle', () => {
    const chain = Array.from({ length: 30 }, (_, i) =>
      unit(`u${i}`, i ? `u${i - 1}` : undefined, {
        level: `l${i}`,
      }),
    );
    const deep: Level[] = chain.map((_, i) => ({
      id: `l${i}`,
      name: { vi: `Cấp ${i}`, en: `Level ${i}` },
      rank: i,
      validFrom: SINCE,
    }));
    expect(planUnitsEdit({ levels: deep, units: new Map() }, { units: chain }).issues).toEqual([]);
  });

  it('an id twice in the batch: the repeat, by index', () => {
    const { issues } = planUnitsEdit(stateOf(), { units: [unit('hn'), unit('dn'), unit('hn'), unit('hn')] });
    expect(issues.map((p) => [p.path, p.code])).toEqual([
      ['units.2.id', 'duplicate'],
      ['units.3.id', 'duplicate'],
    ]);
    expectBilingual(issues[0]?.message);
  });

  it('a parent that exists neither stored nor in the batch', () => {
    const { issues } = planUnitsEdit(stateOf(...existing), {
      units: [unit('hn-cg', 'hn'), unit('x-y', 'nowhere')],
    });
    expect(issues.map((p) => [p.path, p.code])).toEqual([['units.1.parentId', 'unknown_parent']]);
    expectBilingual(issues[0]?.message);
    expect(issues[0]?.message.en).toContain('x-y');
  });

  it('a unit its own parent', () => {
    expect(putProblems([], [unit('hn', 'hn')])).toContainEqual(['units.0.parentId', 'cycle']);
  });

  it('a cycle within the batch: every unit on it', () => {
    const cycles = putProblems([], [unit('aa', 'bb'), unit('bb', 'cc'), unit('cc', 'aa')]).filter(
      ([, code]) => code === 'cycle',
    );
    expect(cycles).toEqual([
      ['units.0.parentId', 'cycle'],
      ['units.1.parentId', 'cycle'],
      ['units.2.parentId', 'cycle'],
    ]);
  });

  it('a cycle through stored units: re-parenting a root under its own descendant', () => {
    const { issues } = planUnitsEdit(stateOf(...existing), { units: [unit('hn', 'hn-bd-x')] });
    expect(issues.map((p) => [p.path, p.code])).toContainEqual(['units.0.parentId', 'cycle']);
    expectBilingual(issues[0]?.message);
  });

  it('the batch is judged as it will be stored: a later entry for the same id replaces the earlier', () => {
    // The first hn-bd entry would be fine; the second (which wins) makes a cycle hn → hn-bd → hn.
    expect(putProblems(existing, [unit('hn-bd', 'hn'), unit('hn', 'hn-bd')]).map(([, c]) => c)).toContain(
      'cycle',
    );
  });

  it('needs units or levels', () => {
    expect(planUnitsEdit(stateOf(), {}).issues.map((p) => p.code)).toEqual(['required']);
  });
});

describe('the rules of the hierarchy through time, each a 4xx naming the unit and the rule', () => {
  const province = unit('tinh');
  const district = unit('huyen', 'tinh', { level: 'district', validTo: '2025-06-30' });

  it('a parent whose level ranks below the child’s; the same level is fine (a department under the province)', () => {
    const state = stateOf(
      province,
      district,
      unit('xa', 'tinh'),
      unit('huyen-2', 'xa', { level: 'district', validTo: '2025-06-30' }),
    );
    const problems = hierarchyProblems(state, new Set(['huyen-2']));
    expect(problems.map((p) => [p.unitId, p.field, p.code])).toEqual([
      ['huyen-2', 'parentId', 'parent_level_below'],
    ]);
    expectBilingual(problems[0]?.message);
    expect(problems[0]?.message.vi).toContain('huyen-2');
    expect(codesOf(stateOf(province, unit('so-a', 'tinh', { level: 'province' })), ['so-a'])).toEqual([]);
  });

  it('a parent that is not valid throughout the child’s validity', () => {
    expect(codesOf(stateOf(province, district, unit('xa', 'huyen')), ['xa'])).toEqual([
      ['xa', 'parent_not_valid_throughout'],
    ]);
    expect(
      codesOf(
        stateOf(province, district, unit('xa', 'huyen', { validFrom: '2014-06-01', validTo: '2025-07-31' })),
        ['xa'],
      ),
    ).toEqual([['xa', 'parent_not_valid_throughout']]);
    expect(
      codesOf(stateOf(province, district, unit('xa', 'huyen', { validTo: '2025-06-30' })), ['xa']),
    ).toEqual([]);
  });

  it('shortening a parent checks the children it leaves behind, pointing at the parent in the request', () => {
    const state = stateOf(
      province,
      unit('huyen', 'tinh', { level: 'district', validTo: '2025-06-30' }),
      unit('xa', 'huyen', { validTo: '2025-06-30' }),
    );
    const { issues } = planUnitsEdit(state, { units: [{ ...district, validTo: '2024-12-31' }] });
    expect(issues.map((p) => [p.path, p.code])).toEqual([['units.0', 'parent_not_valid_throughout']]);
    expect(issues[0]?.message.en).toContain('"xa"');
  });

  it('a level that does not exist, or not throughout the unit’s validity', () => {
    expect(codesOf(stateOf(province, unit('x', 'tinh', { level: 'ward' })), ['x'])).toEqual([
      ['x', 'unknown_level'],
    ]);
    // A district from 2025-07-01: the district level has ended.
    expect(
      codesOf(stateOf(province, unit('huyen-moi', 'tinh', { level: 'district', validFrom: '2025-07-01' })), [
        'huyen-moi',
      ]),
    ).toEqual([['huyen-moi', 'level_not_valid']]);
  });

  it('a validity that ends before it begins', () => {
    expect(codesOf(stateOf(province, unit('x', 'tinh', { validTo: '2013-12-31' })), ['x'])).toContainEqual([
      'x',
      'valid_to_before_from',
    ]);
  });

  it('predecessors end the day before their successor begins', () => {
    const old = unit('xa-cu', 'tinh', { validTo: '2025-06-30' });
    const merged = unit('xa-moi', 'tinh', {
      validFrom: '2025-07-01',
      predecessors: [{ unitId: 'xa-cu', change: 'merge' }],
    });
    expect(codesOf(stateOf(province, old, merged), ['xa-moi'])).toEqual([]);
    expect(codesOf(stateOf(province, { ...old, validTo: '2025-05-31' }, merged), ['xa-moi'])).toEqual([
      ['xa-moi', 'predecessor_not_ended'],
    ]);
    expect(codesOf(stateOf(province, merged), ['xa-moi'])).toEqual([['xa-moi', 'unknown_predecessor']]);
    // Touching the predecessor checks its successors too.
    expect(codesOf(stateOf(province, { ...old, validTo: '2025-05-31' }, merged), ['xa-cu'])).toEqual([
      ['xa-moi', 'predecessor_not_ended'],
    ]);
  });

  it('a predecessor shared by two successors must be split in both; a rename is one to one', () => {
    const old = unit('xa-cu', 'tinh', { validTo: '2025-06-30' });
    const next = (id: string, change: 'merge' | 'split' | 'rename') =>
      unit(id, 'tinh', { validFrom: '2025-07-01', predecessors: [{ unitId: 'xa-cu', change }] });
    expect(codesOf(stateOf(province, old, next('a1', 'split'), next('a2', 'split')), ['a1', 'a2'])).toEqual(
      [],
    );
    expect(codesOf(stateOf(province, old, next('a1', 'merge'), next('a2', 'split')), ['a1', 'a2'])).toEqual([
      ['a1', 'split_inconsistent'],
      ['a2', 'split_inconsistent'],
    ]);
    expect(codesOf(stateOf(province, old, next('a1', 'rename')), ['a1'])).toEqual([]);
    expect(
      codesOf(stateOf(province, old, next('a1', 'rename'), next('a2', 'rename')), ['a1']).map(([, c]) => c),
    ).toContain('rename_not_one_to_one');
  });

  it('levels: a rank is one level’s at a time', () => {
    expect(levelProblems(levels)).toEqual([]);
    const clash = levelProblems([...levels, { ...levels[2]!, id: 'ward', validFrom: '2025-07-01' }]);
    expect(clash.map((p) => [p.path, p.code])).toEqual([['levels.3.rank', 'rank_taken']]);
    expectBilingual(clash[0]?.message);
    // The same rank in another period is fine.
    expect(
      levelProblems([...levels, { ...levels[1]!, id: 'quan', validFrom: '2026-01-01', validTo: undefined }]),
    ).toEqual([]);
  });

  it('ending a level that units still need, through PUT /units, names them', () => {
    const state = withUnits(stateOf(province), [district]);
    const shorter = levels.map((l) => (l.id === 'district' ? { ...l, validTo: '2024-12-31' } : l));
    const { issues } = planUnitsEdit(state, { levels: shorter });
    expect(issues.map((p) => [p.path, p.code])).toEqual([['levels', 'level_not_valid']]);
    expect(issues[0]?.message.en).toContain('huyen');
  });
});

describe('the seed', () => {
  it('keeps every rule: Điện Biên through the 2025 reorganization', () => {
    const state = { levels: seedLevels, units: new Map(seedUnits.map((u) => [u.id, u])) };
    expect(hierarchyProblems(state, 'all')).toEqual([]);
    expect(levelProblems(seedLevels)).toEqual([]);
  });
});
