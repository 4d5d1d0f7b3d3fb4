import { describe, expect, it } from 'vitest';
import { ancestorsOf, LEVELS, type Unit } from '#shared/hierarchy';
import { unitListSchema, unitSchema } from '#shared/unitSchema';

const unit = (id: string, parentId?: string): Unit => ({
  id,
  code: id.toUpperCase(),
  name: { vi: `Đơn vị ${id}`, en: `Unit ${id}` },
  level: 'commune',
  ...(parentId ? { parentId } : {}),
  reports: true,
});
const mapOf = (...units: Unit[]) => new Map(units.map((u) => [u.id, u]));
const idsOf = (units: Unit[]) => units.map((u) => u.id);

describe('ancestorsOf', () => {
  const byId = mapOf(unit('hn'), unit('hn-bd', 'hn'), unit('hn-bd-x', 'hn-bd'));

  it('nearest first, up to the root', () => {
    expect(idsOf(ancestorsOf('hn-bd-x', byId))).toEqual(['hn-bd', 'hn']);
    expect(idsOf(ancestorsOf('hn-bd', byId))).toEqual(['hn']);
  });

  it('none for a root or an unknown unit', () => {
    expect(ancestorsOf('hn', byId)).toEqual([]);
    expect(ancestorsOf('nowhere', byId)).toEqual([]);
  });

  it('a missing parent ends the chain', () => {
    const broken = mapOf(unit('aa', 'bb'), unit('bb', 'gone'));
    expect(idsOf(ancestorsOf('aa', broken))).toEqual(['bb']);
  });

  it('a cycle ends the chain instead of looping', () => {
    expect(idsOf(ancestorsOf('aa', mapOf(unit('aa', 'bb'), unit('bb', 'cc'), unit('cc', 'aa'))))).toEqual([
      'bb',
      'cc',
    ]);
    expect(ancestorsOf('aa', mapOf(unit('aa', 'aa')))).toEqual([]);
    // A loop above the unit, not through it.
    expect(idsOf(ancestorsOf('zz', mapOf(unit('zz', 'aa'), unit('aa', 'bb'), unit('bb', 'aa'))))).toEqual([
      'aa',
      'bb',
    ]);
  });
});

describe('unitSchema', () => {
  const valid = { ...unit('hn-bd', 'hn'), level: 'district' };
  const issues = (patch: Record<string, unknown>) => {
    const r = unitSchema.safeParse({ ...valid, ...patch });
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.code]);
  };

  it('accepts a unit of every level, with or without a parent', () => {
    for (const level of LEVELS.map((l) => l.id)) expect(issues({ level })).toEqual([]);
    const { parentId: _parentId, ...root } = valid;
    expect(unitSchema.safeParse(root).success).toBe(true);
  });

  it.each([
    ['upper case', 'HN-BD'],
    ['a leading hyphen', '-hn'],
    ['one character', 'h'],
    ['64 characters', `h${'a'.repeat(63)}`],
    ['a slash', 'hn/bd'],
    ['a hash (key separator)', 'hn#bd'],
    ['a diacritic', 'hà-nội'],
  ])('refuses an id with %s', (_name, id) => {
    expect(issues({ id })).toEqual([['id', 'invalid_format']]);
  });

  it('accepts ids of 2 and 63 characters', () => {
    expect(issues({ id: 'hn' })).toEqual([]);
    expect(issues({ id: `h${'a'.repeat(62)}` })).toEqual([]);
  });

  it('refuses a malformed parent, an unknown level, a missing name and unknown keys', () => {
    expect(issues({ parentId: 'Hà Nội' })).toEqual([['parentId', 'invalid_format']]);
    expect(issues({ level: 'ward' })).toEqual([['level', 'invalid_value']]);
    expect(issues({ name: { vi: 'Hà Nội' } })).toEqual([['name.en', 'invalid_type']]);
    expect(issues({ name: { vi: '', en: 'x' } })).toEqual([['name.vi', 'too_small']]);
    expect(issues({ reports: 'yes' })).toEqual([['reports', 'invalid_type']]);
    expect(issues({ status: 'active' })).toEqual([['', 'unrecognized_keys']]);
  });

  it('a unit list holds 1 to 5000 units', () => {
    expect(unitListSchema.safeParse([]).success).toBe(false);
    expect(unitListSchema.safeParse([valid]).success).toBe(true);
    expect(unitListSchema.safeParse(Array.from({ length: 5001 }, () => valid)).success).toBe(false);
  });
});
