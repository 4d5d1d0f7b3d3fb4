import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodSchema, type PeriodInput } from '#shared/contract/bodies';
import {
  deadlineFor,
  defaultPeriod,
  isLate,
  isOpen,
  periodProblems,
  type Period,
} from '#shared/domain/period';

const iso = (d: Date) => d.toISOString();
const ms = (s: string) => new Date(s).getTime();

describe('defaultPeriod (Circular 06/2013)', () => {
  it('2025 opens at 00:00 on 1 January 2025 and is due by 00:00 on 1 February 2026, Vietnam time', () => {
    const p = defaultPeriod(2025);
    expect(p).toMatchObject({ year: 2025, isDefault: true, lockExceptions: [] });
    expect(iso(new Date(p.opensAt))).toBe('2024-12-31T17:00:00.000Z');
    expect(iso(new Date(p.deadline))).toBe('2026-01-31T17:00:00.000Z');
  });

  it('is a valid period input', () => {
    const { opensAt, deadline, lockExceptions } = defaultPeriod(2024);
    expect(periodSchema.safeParse({ opensAt, deadline, lockExceptions }).success).toBe(true);
    expect(periodProblems({ opensAt, deadline, lockExceptions }, 2024)).toEqual([]);
  });

  it('property: for any year, 17:00 UTC on 31 December before and on 31 January after', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
        const p = defaultPeriod(year);
        expect(iso(new Date(p.opensAt))).toBe(`${year - 1}-12-31T17:00:00.000Z`);
        expect(iso(new Date(p.deadline))).toBe(`${year + 1}-01-31T17:00:00.000Z`);
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        expect((ms(p.deadline) - ms(p.opensAt)) / 86_400_000).toBe((leap ? 366 : 365) + 31);
      }),
    );
  });
});

describe('deadlineFor', () => {
  const base = defaultPeriod(2025);
  const DEADLINE = '2026-01-31T17:00:00.000Z';
  const withExceptions = (...lockExceptions: Period['lockExceptions']): Period => ({
    ...base,
    isDefault: false,
    lockExceptions,
  });

  it('is the period deadline without an exception', () => {
    expect(iso(deadlineFor(base, 'hn-so-tttt'))).toBe(DEADLINE);
  });

  it("is the exception's `until` when later than the deadline, for that unit only", () => {
    const p = withExceptions(
      { unitId: 'hn-so-tttt', until: '2026-02-20T00:00:00+07:00', reason: 'Sáp nhập' },
      { unitId: 'dn-so-tttt', until: '2026-03-01T00:00:00+07:00', reason: 'Thiên tai' },
    );
    expect(iso(deadlineFor(p, 'hn-so-tttt'))).toBe('2026-02-19T17:00:00.000Z');
    expect(iso(deadlineFor(p, 'dn-so-tttt'))).toBe('2026-02-28T17:00:00.000Z');
    expect(iso(deadlineFor(p, 'hcm-so-tttt'))).toBe(DEADLINE);
  });

  it('an exception earlier than the deadline does not shorten it', () => {
    const p = withExceptions({ unitId: 'hn-so-tttt', until: '2025-06-01T00:00:00Z', reason: 'Nhầm' });
    expect(iso(deadlineFor(p, 'hn-so-tttt'))).toBe(DEADLINE);
  });

  it('property: never earlier than the period deadline', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01Z'), max: new Date('2030-01-01Z'), noInvalidDate: true }),
        (until) => {
          const p = withExceptions({ unitId: 'hn-so-tttt', until: iso(until), reason: 'x' });
          const d = deadlineFor(p, 'hn-so-tttt').getTime();
          expect(d).toBe(Math.max(until.getTime(), ms(DEADLINE)));
        },
      ),
    );
  });
});

describe('isOpen and isLate', () => {
  const p = defaultPeriod(2025);
  const opens = new Date('2024-12-31T17:00:00.000Z');
  const deadline = new Date('2026-01-31T17:00:00.000Z');

  it('opens at exactly opensAt', () => {
    expect(isOpen(p, new Date(opens.getTime() - 1))).toBe(false);
    expect(isOpen(p, opens)).toBe(true);
    // Opening has no end: the deadline, not the period, closes drafts.
    expect(isOpen(p, new Date('2030-01-01Z'))).toBe(true);
  });

  it('late from exactly the deadline', () => {
    expect(isLate(p, new Date(deadline.getTime() - 1))).toBe(false);
    expect(isLate(p, deadline)).toBe(true);
  });

  it("judges lateness against the period's own deadline, whatever the exceptions", () => {
    const withException: Period = {
      ...p,
      lockExceptions: [{ unitId: 'hn-so-tttt', until: '2026-03-01T00:00:00Z', reason: 'Sáp nhập' }],
    };
    expect(isLate(withException, new Date('2026-02-10T00:00:00Z'))).toBe(true);
  });
});

describe('periodProblems', () => {
  const valid: PeriodInput = {
    opensAt: '2025-01-01T00:00:00+07:00',
    deadline: '2026-02-01T00:00:00+07:00',
    lockExceptions: [],
  };
  const problemsOf = (patch: Partial<PeriodInput>) =>
    periodProblems({ ...valid, ...patch }, 2025).map((x) => [x.path, x.code]);

  it('none for a sound period', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('a deadline not after the opening', () => {
    expect(problemsOf({ deadline: '2024-12-01T00:00:00+07:00' })).toEqual([['deadline', 'before_opening']]);
    expect(problemsOf({ deadline: valid.opensAt })).toEqual([['deadline', 'before_opening']]);
    // The same instant written in another offset is still "not after".
    expect(problemsOf({ deadline: '2024-12-31T17:00:00Z' })).toEqual([['deadline', 'before_opening']]);
  });

  it('an opening two years after the reporting year', () => {
    expect(
      problemsOf({ opensAt: '2027-03-01T00:00:00+07:00', deadline: '2027-04-01T00:00:00+07:00' }),
    ).toEqual([['opensAt', 'too_late']]);
    expect(
      problemsOf({ opensAt: '2026-03-01T00:00:00+07:00', deadline: '2026-04-01T00:00:00+07:00' }),
    ).toEqual([]);
  });

  it('each repeated lock exception after the first, by index', () => {
    const e = (unitId: string) => ({ unitId, until: '2026-03-01T00:00:00+07:00', reason: 'Lý do' });
    expect(problemsOf({ lockExceptions: [e('hn-a'), e('hn-b'), e('hn-a'), e('hn-a')] })).toEqual([
      ['lockExceptions.2.unitId', 'duplicate'],
      ['lockExceptions.3.unitId', 'duplicate'],
    ]);
  });
});

describe('periodSchema', () => {
  const paths = (input: unknown) => {
    const r = periodSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.code]);
  };
  const valid = { opensAt: '2025-01-01T00:00:00+07:00', deadline: '2026-02-01T00:00:00+07:00' };

  it('defaults lockExceptions to an empty list', () => {
    expect(periodSchema.parse(valid).lockExceptions).toEqual([]);
  });

  it('requires an offset on each datetime', () => {
    expect(paths({ ...valid, deadline: '2026-02-01T00:00:00' })).toEqual([['deadline', 'invalid_format']]);
    expect(paths({ ...valid, opensAt: '1 Jan 2025' })).toEqual([['opensAt', 'invalid_format']]);
  });

  it('refuses unknown keys and malformed exceptions', () => {
    expect(paths({ ...valid, year: 2025 })).toEqual([['', 'unrecognized_keys']]);
    expect(
      paths({ ...valid, lockExceptions: [{ unitId: 'HN', until: valid.deadline, reason: '' }] }).sort(),
    ).toEqual([
      ['lockExceptions.0.reason', 'too_small'],
      ['lockExceptions.0.unitId', 'invalid_format'],
    ]);
  });
});

describe('periodProblems judges the opening in Vietnam time', () => {
  const deadline = '2027-06-01T00:00:00+07:00';
  it('an opening at midnight on 1 January two years later, Vietnam time, is too late', () => {
    const problems = periodProblems(
      { opensAt: '2027-01-01T00:00:00+07:00', deadline, lockExceptions: [] },
      2025,
    );
    expect(problems).toContainEqual({ path: 'opensAt', code: 'too_late' });
  });
  it('the last moment of the next year, Vietnam time, is not', () => {
    const problems = periodProblems(
      { opensAt: '2026-12-31T23:59:00+07:00', deadline, lockExceptions: [] },
      2025,
    );
    expect(problems).toEqual([]);
  });
});
