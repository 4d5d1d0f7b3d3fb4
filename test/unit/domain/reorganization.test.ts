import { describe, expect, it } from 'vitest';
import { planReorganization, reorganizationPathOf, type Reorganization } from '#shared/domain/reorganization';
import { hierarchyProblems, problemsAsIssues, withUnits, type HierarchyState } from '#shared/domain/units';
import { seedLevels } from '../../../local/seedData.ts';
import { seedBefore2025 } from '../../fixtures/hierarchies.ts';
import { expectBilingual } from '../expectations.ts';

const before: HierarchyState = {
  levels: seedLevels,
  units: new Map(seedBefore2025.map((u) => [u.id, u])),
};

const xaMuongAng = {
  id: 'xa-muong-ang',
  code: '11.X.MUONG-ANG',
  name: { vi: 'UBND xã Mường Ảng', en: 'Mường Ảng Commune People’s Committee' },
  level: 'commune',
  parentId: 'dien-bien',
  reports: true,
};
const NQ1661 = 'Nghị quyết 1661/NQ-UBTVQH15 ngày 16/6/2025';

/** Plans and validates as the handler does: the issues of both. */
function attempt(state: HierarchyState, r: Reorganization) {
  const { writes, issues } = planReorganization(state, r);
  const problems = hierarchyProblems(withUnits(state, writes), new Set(writes.map((u) => u.id)));
  return { writes, issues: [...issues, ...problemsAsIssues(problems, reorganizationPathOf(r), 'changes')] };
}

describe('a reorganization: one operation, every unit it ends and creates', () => {
  it('merges the three units of Mường Ảng into xã Mường Ảng from 1 July 2025 and retires the district', () => {
    const { writes, issues } = attempt(before, {
      date: '2025-07-01',
      document: NQ1661,
      changes: [
        { kind: 'merge', from: ['tt-muong-ang', 'xa-ang-nua', 'xa-ang-cang'], into: xaMuongAng },
        { kind: 'retire', unitId: 'muong-ang' },
      ],
    });
    expect(issues).toEqual([]);
    const byId = new Map(writes.map((u) => [u.id, u]));
    for (const id of ['tt-muong-ang', 'xa-ang-nua', 'xa-ang-cang', 'muong-ang'])
      expect(byId.get(id)).toMatchObject({ validTo: '2025-06-30', endedBy: NQ1661 });
    expect(byId.get('xa-muong-ang')).toEqual({
      ...xaMuongAng,
      validFrom: '2025-07-01',
      predecessors: [
        { unitId: 'tt-muong-ang', change: 'merge' },
        { unitId: 'xa-ang-nua', change: 'merge' },
        { unitId: 'xa-ang-cang', change: 'merge' },
      ],
      establishedBy: NQ1661,
    });
  });

  it('retiring a district whose communes live on is refused, naming the commune and the rule', () => {
    const { issues } = attempt(before, {
      date: '2025-07-01',
      document: NQ1661,
      changes: [{ kind: 'retire', unitId: 'tuan-giao' }],
    });
    const outliving = issues.filter((i) => i.code === 'parent_not_valid_throughout');
    expect(outliving.map((i) => i.path)).toEqual([
      'changes.0.unitId',
      'changes.0.unitId',
      'changes.0.unitId',
      'changes.0.unitId',
    ]);
    expect(outliving.map((i) => i.message.en).join(' ')).toContain('xa-chieng-sinh');
    expectBilingual(outliving[0]?.message);
  });

  it('splits one unit into several, each linked with `split`', () => {
    const { writes, issues } = attempt(before, {
      date: '2025-07-01',
      document: NQ1661,
      changes: [
        {
          kind: 'split',
          from: 'xa-hua-ngai',
          into: [
            { ...xaMuongAng, id: 'xa-hua-ngai-a' },
            { ...xaMuongAng, id: 'xa-hua-ngai-b' },
          ],
        },
      ],
    });
    expect(issues).toEqual([]);
    expect(writes.filter((u) => u.predecessors?.[0]?.change === 'split').map((u) => u.id)).toEqual([
      'xa-hua-ngai-a',
      'xa-hua-ngai-b',
    ]);
  });

  it('renames from a date: a new unit, one predecessor', () => {
    const { writes, issues } = attempt(before, {
      date: '2025-03-01',
      document: 'Quyết định đổi tên',
      changes: [
        {
          kind: 'rename',
          from: 'so-noi-vu',
          into: { ...xaMuongAng, id: 'so-noi-vu-2025', level: 'province' },
        },
      ],
    });
    expect(issues).toEqual([]);
    expect(writes.map((u) => [u.id, u.validFrom, u.validTo])).toEqual([
      ['so-noi-vu', '2014-01-01', '2025-02-28'],
      ['so-noi-vu-2025', '2025-03-01', undefined],
    ]);
  });

  it('establishes a unit that comes from no other: it ends nothing, has no predecessors, and needs a new id', () => {
    const department = {
      ...xaMuongAng,
      id: 'so-dan-toc',
      code: '11.SDT',
      name: { vi: 'Sở Dân tộc và Tôn giáo', en: 'Department of Ethnic and Religious Affairs' },
      level: 'province',
    };
    const made = attempt(before, {
      date: '2025-03-01',
      document: 'Quyết định thành lập',
      changes: [{ kind: 'establish', into: department }],
    });
    expect(made.issues).toEqual([]);
    expect(made.writes).toEqual([
      { ...department, validFrom: '2025-03-01', establishedBy: 'Quyết định thành lập' },
    ]);
    // An id already taken would silently become a correction of that unit: it is refused, naming the field.
    const taken = attempt(before, {
      date: '2025-03-01',
      document: 'Quyết định thành lập',
      changes: [{ kind: 'establish', into: { ...department, id: 'so-noi-vu' } }],
    });
    expect(taken.issues.map((i) => [i.path, i.code])).toContainEqual(['changes.0.into.id', 'id_taken']);
    // Under a parent that does not exist then: the hierarchy's own rule, pointed at the new unit's field.
    const orphan = attempt(before, {
      date: '2025-03-01',
      document: 'Quyết định thành lập',
      changes: [{ kind: 'establish', into: { ...department, parentId: 'khong-co' } }],
    });
    expect(orphan.issues.map((i) => i.path)).toContain('changes.0.into.parentId');
  });

  it('refuses an unknown unit, a unit ended twice, a taken id, a unit already ended', () => {
    const ended = withUnits(before, [{ ...before.units.get('so-tttt')!, validTo: '2025-02-28' }]);
    const { issues } = attempt(ended, {
      date: '2025-07-01',
      document: NQ1661,
      changes: [
        {
          kind: 'merge',
          from: ['tt-muong-ang', 'nowhere', 'tt-muong-ang'],
          into: { ...xaMuongAng, id: 'xa-ang-nua' },
        },
        { kind: 'retire', unitId: 'so-tttt' },
      ],
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual(
      expect.arrayContaining([
        ['changes.0.from.1', 'unknown_unit'],
        ['changes.0.from.2', 'duplicate'],
        ['changes.0.into.id', 'id_taken'],
        ['changes.1.unitId', 'not_valid_before_date'],
      ]),
    );
    for (const i of issues) expectBilingual(i.message);
  });
});
