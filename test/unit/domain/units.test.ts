import { describe, expect, it } from 'vitest';
import { hierarchyProblems } from '#shared/domain/units';
import type { Unit } from '#shared/hierarchy';
import { expectBilingual } from '../expectations.ts';

const unit = (id: string, parentId?: string): Unit => ({
  id,
  code: id.toUpperCase(),
  name: { vi: `Đơn vị ${id}`, en: `Unit ${id}` },
  level: parentId ? 'commune' : 'province',
  ...(parentId ? { parentId } : {}),
  reports: true,
});

const problems = (existing: Unit[], incoming: Unit[]) =>
  hierarchyProblems(existing, incoming).map((p) => [p.path, p.code]);

describe('hierarchyProblems', () => {
  const existing = [unit('hn'), unit('hn-bd', 'hn'), unit('hn-bd-x', 'hn-bd')];

  it('none for a sound batch: new roots, parents already stored, parents later in the batch', () => {
    expect(problems([], [unit('hn'), unit('hn-bd', 'hn')])).toEqual([]);
    expect(problems(existing, [unit('hn-cg', 'hn'), unit('hn-bd-y', 'hn-bd')])).toEqual([]);
    expect(problems([], [unit('hn-bd', 'hn'), unit('hn')])).toEqual([]);
  });

  it('moving an existing unit to another valid parent is fine', () => {
    expect(problems([...existing, unit('dn')], [unit('hn-bd', 'dn')])).toEqual([]);
  });

  it('a deep chain is no cycle', () => {
    const chain = Array.from({ length: 200 }, (_, i) => unit(`u${i}`, i ? `u${i - 1}` : undefined));
    expect(problems([], chain)).toEqual([]);
  });

  it('an id twice in the batch: the repeat, by index', () => {
    const issues = hierarchyProblems([], [unit('hn'), unit('dn'), unit('hn'), unit('hn')]);
    expect(issues.map((p) => [p.path, p.code])).toEqual([
      ['units.2.id', 'duplicate'],
      ['units.3.id', 'duplicate'],
    ]);
    expectBilingual(issues[0]?.message);
  });

  it('a parent that exists neither stored nor in the batch', () => {
    const issues = hierarchyProblems(existing, [unit('hn-cg', 'hn'), unit('x-y', 'nowhere')]);
    expect(issues.map((p) => [p.path, p.code])).toEqual([['units.1.parentId', 'unknown_parent']]);
    expectBilingual(issues[0]?.message);
  });

  it('a unit its own parent', () => {
    expect(problems([], [unit('hn', 'hn')])).toEqual([['units.0.parentId', 'cycle']]);
  });

  it('a cycle within the batch: every unit on it', () => {
    expect(problems([], [unit('aa', 'bb'), unit('bb', 'cc'), unit('cc', 'aa')])).toEqual([
      ['units.0.parentId', 'cycle'],
      ['units.1.parentId', 'cycle'],
      ['units.2.parentId', 'cycle'],
    ]);
  });

  it('a cycle through stored units: re-parenting a root under its own descendant', () => {
    const issues = hierarchyProblems(existing, [unit('hn', 'hn-bd-x')]);
    expect(issues.map((p) => [p.path, p.code])).toEqual([['units.0.parentId', 'cycle']]);
    expectBilingual(issues[0]?.message);
  });

  it('the batch is judged as it will be stored: a later entry for the same id replaces the earlier', () => {
    // The first hn-bd entry would be fine; the second (which wins) makes a cycle hn → hn-bd → hn.
    expect(problems(existing, [unit('hn-bd', 'hn'), unit('hn', 'hn-bd')]).map(([, c]) => c)).toContain(
      'cycle',
    );
  });
});
