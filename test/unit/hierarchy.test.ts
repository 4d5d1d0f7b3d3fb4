import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  covers,
  MAX_UNITS_PER_EDIT,
  dayAfter,
  dayBefore,
  isValidOn,
  levelsOn,
  overlaps,
  vietnamDay,
  type Level,
  type Unit,
} from '#shared/hierarchy';
import { levelListSchema, reorganizationSchema, unitListSchema, unitSchema } from '#shared/unitSchema';

const unit = (id: string, parentId?: string): Unit => ({
  id,
  code: id.toUpperCase(),
  name: { vi: `Đơn vị ${id}`, en: `Unit ${id}` },
  level: 'commune',
  ...(parentId ? { parentId } : {}),
  reports: true,
  validFrom: '2014-01-01',
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

describe('validity: days, both ends inclusive', () => {
  const district = { validFrom: '2014-01-01', validTo: '2025-06-30' };
  const commune = { validFrom: '2025-07-01' };

  it('a unit is valid from its first day through its last, and an open end never ends', () => {
    expect(isValidOn(district, '2014-01-01')).toBe(true);
    expect(isValidOn(district, '2025-06-30')).toBe(true);
    expect(isValidOn(district, '2025-07-01')).toBe(false);
    expect(isValidOn(district, '2013-12-31')).toBe(false);
    expect(isValidOn(commune, '2025-07-01')).toBe(true);
    expect(isValidOn(commune, '2999-12-31')).toBe(true);
  });

  it('covers: every day of the inner span lies in the outer', () => {
    expect(covers({ validFrom: '2014-01-01' }, district)).toBe(true);
    expect(covers(district, { validFrom: '2020-01-01', validTo: '2025-06-30' })).toBe(true);
    expect(covers(district, { validFrom: '2020-01-01' })).toBe(false);
    expect(covers(district, { validFrom: '2013-01-01', validTo: '2020-01-01' })).toBe(false);
    expect(overlaps(district, commune)).toBe(false);
    expect(overlaps(district, { validFrom: '2025-06-30' })).toBe(true);
  });

  it('the day before and after cross months, years and leap days', () => {
    expect(dayBefore('2025-07-01')).toBe('2025-06-30');
    expect(dayBefore('2025-03-01')).toBe('2025-02-28');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2025-01-01')).toBe('2024-12-31');
    expect(dayAfter('2024-12-31')).toBe('2025-01-01');
  });

  it('the day in Vietnam (UTC+7): 17:00 UTC is already the next day', () => {
    expect(vietnamDay(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(vietnamDay(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });

  it('the levels of a day, highest first', () => {
    const levels: Level[] = [
      { id: 'commune', name: { vi: 'Cấp xã', en: 'Commune' }, rank: 2, validFrom: '2014-01-01' },
      { id: 'province', name: { vi: 'Cấp tỉnh', en: 'Province' }, rank: 0, validFrom: '2014-01-01' },
      { id: 'district', name: { vi: 'Cấp huyện', en: 'District' }, rank: 1, ...district },
    ];
    expect(levelsOn(levels, '2024-12-31').map((l) => l.id)).toEqual(['province', 'district', 'commune']);
    expect(levelsOn(levels, '2025-12-31').map((l) => l.id)).toEqual(['province', 'commune']);
  });
});

describe('unitSchema', () => {
  const valid = { ...unit('hn-bd', 'hn'), level: 'district' };
  const issues = (patch: Record<string, unknown>) => {
    const r = unitSchema.safeParse({ ...valid, ...patch });
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.code]);
  };

  it('accepts a unit of any level id (the stored levels decide which exist), with or without a parent', () => {
    for (const level of ['province', 'district', 'commune', 'ward']) expect(issues({ level })).toEqual([]);
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

  it('refuses a malformed parent or level, a missing name and unknown keys', () => {
    expect(issues({ parentId: 'Hà Nội' })).toEqual([['parentId', 'invalid_format']]);
    expect(issues({ level: 'Cấp xã' })).toEqual([['level', 'invalid_format']]);
    expect(issues({ name: { vi: 'Hà Nội' } })).toEqual([['name.en', 'invalid_type']]);
    expect(issues({ name: { vi: '', en: 'x' } })).toEqual([['name.vi', 'too_small']]);
    expect(issues({ reports: 'yes' })).toEqual([['reports', 'invalid_type']]);
    expect(issues({ status: 'active' })).toEqual([['', 'unrecognized_keys']]);
  });

  it('needs a real first day; a last day and predecessors are optional', () => {
    const { validFrom: _validFrom, ...undated } = valid;
    expect(unitSchema.safeParse(undated).success).toBe(false);
    expect(issues({ validFrom: '2025-02-29' })).toEqual([['validFrom', 'invalid_format']]);
    expect(issues({ validTo: '30/06/2025' })).toEqual([['validTo', 'invalid_format']]);
    expect(issues({ validTo: '2025-06-30', endedBy: 'Nghị quyết 1661/NQ-UBTVQH15' })).toEqual([]);
    expect(issues({ predecessors: [{ unitId: 'xa-a', change: 'merge' }] })).toEqual([]);
    expect(issues({ predecessors: [{ unitId: 'xa-a', change: 'absorb' }] })).toEqual([
      ['predecessors.0.change', 'invalid_value'],
    ]);
  });

  it(`a unit list holds 1 to ${MAX_UNITS_PER_EDIT} units: one transaction with the head, the claim and the audit entry`, () => {
    expect(unitListSchema.safeParse([]).success).toBe(false);
    expect(unitListSchema.safeParse([valid]).success).toBe(true);
    expect(unitListSchema.safeParse(Array.from({ length: MAX_UNITS_PER_EDIT }, () => valid)).success).toBe(
      true,
    );
    expect(
      unitListSchema.safeParse(Array.from({ length: MAX_UNITS_PER_EDIT + 1 }, () => valid)).success,
    ).toBe(false);
  });

  it('levels carry a rank and dates', () => {
    const level = { id: 'commune', name: { vi: 'Cấp xã', en: 'Commune' }, rank: 2, validFrom: '2014-01-01' };
    expect(levelListSchema.safeParse([level]).success).toBe(true);
    expect(levelListSchema.safeParse([{ ...level, rank: -1 }]).success).toBe(false);
    expect(levelListSchema.safeParse([{ ...level, rank: 1.5 }]).success).toBe(false);
  });
});

describe('reorganizationSchema', () => {
  const into = {
    id: 'xa-muong-ang',
    code: 'X',
    name: { vi: 'UBND xã Mường Ảng', en: 'Mường Ảng Commune' },
    level: 'commune',
    parentId: 'dien-bien',
    reports: true,
  };
  const body = (changes: unknown[]) => ({ date: '2025-07-01', document: 'NQ 1661', changes });

  it('merge, split, rename and retire, each with its own shape', () => {
    expect(
      reorganizationSchema.safeParse(
        body([
          { kind: 'merge', from: ['a1', 'a2'], into },
          { kind: 'split', from: 'b1', into: [into, { ...into, id: 'xa-b' }] },
          { kind: 'rename', from: 'c1', into: { ...into, id: 'xa-c' } },
          { kind: 'retire', unitId: 'huyen-d' },
        ]),
      ).success,
    ).toBe(true);
  });

  it('refuses a split into one unit, an unknown kind, a new unit with its own dates, no document', () => {
    const paths = (b: unknown) => {
      const r = reorganizationSchema.safeParse(b);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths(body([{ kind: 'split', from: 'b1', into: [into] }]))).toEqual(['changes.0.into']);
    expect(paths(body([{ kind: 'absorb', from: 'b1', into }]))).toEqual(['changes.0.kind']);
    expect(paths(body([{ kind: 'rename', from: 'c1', into: { ...into, validFrom: '2025-07-01' } }]))).toEqual(
      ['changes.0.into'],
    );
    expect(paths({ date: '2025-07-01', changes: [{ kind: 'retire', unitId: 'x1' }] })).toEqual(['document']);
  });
});
