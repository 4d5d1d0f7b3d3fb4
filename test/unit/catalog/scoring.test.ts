import { describe, expect, it } from 'vitest';
import {
  bandFor,
  computeIndicators,
  exampleValues,
  meetsTarget,
  pointsFor,
  scoreUnit,
  targetFor,
  type Catalog,
  type Indicator,
  type IndicatorValue,
} from '#shared/catalog/index';
import { levelsOn, yearEnd } from '#shared/hierarchy';
import { seedLevels } from '../../../local/seedData.ts';
import { c2024, c2025, indicatorOf } from './helpers.ts';

const value = (v: number | null): IndicatorValue => ({
  numerator: v,
  denominator: v === null ? null : 1,
  value: v,
});

describe('targets per administrative level', () => {
  const email2024 = indicatorOf(c2024, 'email_regular_pct');
  const email2025 = indicatorOf(c2025, 'email_regular_pct');
  const foreign = indicatorOf(c2025, 'foreign_mail_pct');

  it('official email: 80% for province and district, 30% for commune (Decision 48/2009, the seed)', () => {
    expect(targetFor(email2024, 'province')).toEqual({ op: '>=', value: 80 });
    expect(targetFor(email2024, 'district')).toEqual({ op: '>=', value: 80 });
    expect(targetFor(email2024, 'commune')).toEqual({ op: '>=', value: 30 });
    expect(targetFor(email2025, 'commune')).toEqual({ op: '>=', value: 30 });
  });

  it('a lower-is-better indicator compares with <=', () => {
    expect(targetFor(foreign, 'province')).toEqual({ op: '<=', value: 10 });
    expect(meetsTarget(foreign, 'province', 10)).toBe(true);
    expect(meetsTarget(foreign, 'province', 10.5)).toBe(false);
  });

  it('the same value can meet one level’s target and miss another’s', () => {
    expect(meetsTarget(email2024, 'commune', 35)).toBe(true);
    expect(meetsTarget(email2024, 'district', 35)).toBe(false);
    expect(meetsTarget(email2025, 'commune', 29.9)).toBe(false);
    expect(meetsTarget(email2024, 'province', 80)).toBe(true);
    expect(meetsTarget(email2024, 'province', 79.99)).toBe(false);
  });

  it('null when there is no data or no target for the level', () => {
    expect(meetsTarget(email2024, 'province', null)).toBeNull();
    expect(targetFor(email2024, 'ward')).toBeUndefined();
    expect(meetsTarget(email2024, 'ward', 90)).toBeNull();
    expect(targetFor(email2024, 'toString')).toBeUndefined();
  });

  it('every indicator has a target for every level of its year’s hierarchy, and no other', () => {
    for (const c of [c2024, c2025]) {
      const levels = levelsOn(seedLevels, yearEnd(c.year)).map((l) => l.id);
      for (const i of c.indicators) {
        for (const l of levels) expect(targetFor(i, l), `${c.year} ${i.code} ${l}`).toBeDefined();
        expect(Object.keys(i.targets).sort(), `${c.year} ${i.code}`).toEqual([...levels].sort());
      }
    }
  });
});

describe('points per indicator', () => {
  const email = indicatorOf(c2024, 'email_regular_pct'); // ratio against target, 10 points
  const worn = indicatorOf(c2024, 'worn_computers_pct'); // tiers, lower is better, 5 points
  const onTime = indicatorOf(c2024, 'onestop_on_time_pct'); // tiers, higher is better, 10 points

  it('ratio: value / target × max points, capped at max', () => {
    expect(pointsFor(email, 'province', 40)).toBe(5);
    expect(pointsFor(email, 'province', 80)).toBe(10);
    expect(pointsFor(email, 'province', 95)).toBe(10);
    expect(pointsFor(email, 'commune', 15)).toBe(5);
    expect(pointsFor(email, 'province', 0)).toBe(0);
  });

  it('ratio with fullAt: a / b × max points whatever the level', () => {
    const fixed: Indicator = { ...email, scoring: { method: 'ratio', maxPoints: 20, fullAt: 100 } };
    expect(pointsFor(fixed, 'commune', 25)).toBe(5);
    expect(pointsFor(fixed, 'ward', 50)).toBe(10);
  });

  it('ratio, lower is better: full points at or under the target, target / value above it', () => {
    const lower: Indicator = { ...worn, scoring: { method: 'ratio', maxPoints: 10 } };
    expect(pointsFor(lower, 'province', 10)).toBe(10);
    expect(pointsFor(lower, 'province', 20)).toBe(10);
    expect(pointsFor(lower, 'province', 40)).toBe(5);
    expect(pointsFor(lower, 'province', 0)).toBe(10);
  });

  it('tiers, higher is better: the best tier reached', () => {
    expect(pointsFor(onTime, 'province', 99)).toBe(10);
    expect(pointsFor(onTime, 'province', 98)).toBe(10);
    expect(pointsFor(onTime, 'province', 96)).toBe(8);
    expect(pointsFor(onTime, 'province', 90)).toBe(6);
    expect(pointsFor(onTime, 'province', 85)).toBe(3);
    expect(pointsFor(onTime, 'province', 50)).toBe(0);
  });

  it('tiers, lower is better: the best tier reached', () => {
    expect(pointsFor(worn, 'province', 5)).toBe(5);
    expect(pointsFor(worn, 'province', 10)).toBe(5);
    expect(pointsFor(worn, 'province', 15)).toBe(4);
    expect(pointsFor(worn, 'province', 30)).toBe(2);
    expect(pointsFor(worn, 'province', 45)).toBe(1);
    expect(pointsFor(worn, 'province', 80)).toBe(0);
  });

  it('an unscored indicator has no points', () => {
    expect(pointsFor(indicatorOf(c2024, 'procedures_online_pct'), 'province', 90)).toBeUndefined();
  });
});

/** A catalog of three scored indicators, to compute scores by hand. */
function tinyCatalog(): Catalog {
  const email = indicatorOf(c2024, 'email_regular_pct'); // ratio, 10 points
  const onTime = indicatorOf(c2024, 'onestop_on_time_pct'); // tiers, 10 points
  const college = indicatorOf(c2024, 'it_staff_college_pct'); // ratio, 5 points, no data skipped
  return { ...c2024, indicators: [email, onTime, college, indicatorOf(c2024, 'procedures_online_pct')] };
}

describe('scoreUnit and bands', () => {
  const catalog = tinyCatalog();

  it('adds the unit’s points and finds its band', () => {
    const score = scoreUnit(
      catalog,
      { email_regular_pct: value(60), onestop_on_time_pct: value(96), it_staff_college_pct: value(40) },
      'province',
    );
    // email 60/80 × 10 = 7.5; on time 96% → 8; college 40/80 × 5 = 2.5
    expect(score.perIndicator).toEqual({
      email_regular_pct: 7.5,
      onestop_on_time_pct: 8,
      it_staff_college_pct: 2.5,
    });
    expect(score.total).toBe(18);
    expect(score.max).toBe(25);
    expect(score.share).toBeCloseTo(0.72, 10);
    expect(score.band.id).toBe('fair');
  });

  it('no data earns nothing but keeps the max, unless the indicator says skip', () => {
    const score = scoreUnit(
      catalog,
      { email_regular_pct: value(80), onestop_on_time_pct: value(null), it_staff_college_pct: value(null) },
      'province',
    );
    expect(score.perIndicator).toEqual({ email_regular_pct: 10, onestop_on_time_pct: 0 });
    expect(score.total).toBe(10);
    expect(score.max).toBe(20);
    expect(score.band.id).toBe('medium');
  });

  it('scores against the level’s target', () => {
    const values = {
      email_regular_pct: value(30),
      onestop_on_time_pct: value(98),
      it_staff_college_pct: value(50),
    };
    expect(scoreUnit(catalog, values, 'commune').total).toBe(10 + 10 + 5);
    expect(scoreUnit(catalog, values, 'province').total).toBeCloseTo(3.75 + 10 + 3.13, 10); // 50/80 × 5 = 3.125 → 3.13
  });

  it('a level with no targets only scores what needs no target', () => {
    const score = scoreUnit(catalog, { onestop_on_time_pct: value(98) }, 'ward');
    expect(score.perIndicator).toEqual({ onestop_on_time_pct: 10 });
    expect(score.max).toBe(10);
    expect(score.band.id).toBe('good');
  });

  it('an empty report scores 0 of the max, band Weak', () => {
    const score = scoreUnit(catalog, {}, 'district');
    expect(score.total).toBe(0);
    expect(score.max).toBe(20);
    expect(score.share).toBe(0);
    expect(score.band.id).toBe('weak');
  });

  it('bands by share of max points: Tốt ≥ 80%, Khá ≥ 65%, Trung bình ≥ 50%, else Yếu', () => {
    const ids = [1, 0.8, 0.7999, 0.65, 0.6499, 0.5, 0.4999, 0].map((s) => bandFor(c2025.bands, s).id);
    expect(ids).toEqual(['good', 'good', 'fair', 'fair', 'medium', 'medium', 'weak', 'weak']);
    expect(bandFor(c2025.bands, 0.9).label).toEqual({ vi: 'Tốt', en: 'Good' });
  });

  it('the full catalog scores the example report out of 100, every number finite', () => {
    // Each level in a year that has it: 2025 has no district level.
    for (const [c, level] of [
      [c2024, 'district'],
      [c2025, 'province'],
      [c2025, 'commune'],
    ] as const) {
      const s = scoreUnit(c, computeIndicators(c, exampleValues(c)), level);
      expect(s.max).toBe(100);
      expect(s.total).toBeGreaterThan(0);
      expect(s.total).toBeLessThanOrEqual(100);
      expect(Object.values(s.perIndicator).every(Number.isFinite)).toBe(true);
      expect(s.total).toBeCloseTo(
        Object.values(s.perIndicator).reduce((a, b) => a + b, 0),
        6,
      );
    }
  });
});
