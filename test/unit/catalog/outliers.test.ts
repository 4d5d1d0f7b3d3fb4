import { describe, expect, it } from 'vitest';
import { outlierOf, type Indicator } from '#shared/catalog/index';
import { c2025, indicatorOf } from './helpers.ts';

const perStaff = indicatorOf(c2025, 'computers_per_staff'); // ratio band [0.5, 2]
const email = indicatorOf(c2025, 'email_regular_pct'); // at most 20 percentage points
const incidents = indicatorOf(c2025, 'incidents_per_100_computers'); // ratio band [0.25, 4]

describe('outlierOf: this year against last year', () => {
  it('flags a ratio outside the band, on either side', () => {
    expect(outlierOf(perStaff, 2.5, 1).outlier).toBe(true);
    expect(outlierOf(perStaff, 0.4, 1).outlier).toBe(true);
    expect(outlierOf(perStaff, 2, 1).outlier).toBe(false);
    expect(outlierOf(perStaff, 0.5, 1).outlier).toBe(false);
    expect(outlierOf(perStaff, 1.1, 1).outlier).toBe(false);
  });

  it('flags an absolute change beyond the allowed percentage points', () => {
    expect(outlierOf(email, 75, 50).outlier).toBe(true);
    expect(outlierOf(email, 25, 50).outlier).toBe(true);
    expect(outlierOf(email, 70, 50).outlier).toBe(false);
    expect(outlierOf(email, 65, 50).outlier).toBe(false);
  });

  it('flags either test when an indicator has both', () => {
    const both: Indicator = { ...email, outlier: { ratio: { min: 0.5, max: 2 }, maxAbsChange: 20 } };
    expect(outlierOf(both, 12, 5).outlier).toBe(true); // ratio 2.4, change 7
    expect(outlierOf(both, 80, 55).outlier).toBe(true); // ratio 1.45, change 25
    expect(outlierOf(both, 60, 50).outlier).toBe(false);
  });

  it('gives the reason in both languages', () => {
    for (const r of [outlierOf(perStaff, 3, 1), outlierOf(email, 90, 40)]) {
      expect(r.outlier).toBe(true);
      expect(r.reason?.vi.trim()).not.toBe('');
      expect(r.reason?.en.trim()).not.toBe('');
      expect(r.reason?.vi).not.toBe(r.reason?.en);
    }
    expect(outlierOf(email, 50, 50).reason).toBeUndefined();
  });

  it('has nothing to say without both years’ values', () => {
    expect(outlierOf(perStaff, null, 1)).toEqual({ outlier: false });
    expect(outlierOf(perStaff, 1, null)).toEqual({ outlier: false });
    expect(outlierOf(perStaff, null, null)).toEqual({ outlier: false });
  });

  it('from zero: no ratio exists, so any change is flagged unless an absolute cap judges it', () => {
    expect(outlierOf(incidents, 3, 0).outlier).toBe(true);
    expect(outlierOf(incidents, 0, 0).outlier).toBe(false);
    expect(outlierOf(email, 10, 0).outlier).toBe(false);
    expect(outlierOf(email, 30, 0).outlier).toBe(true);
    expect(outlierOf(incidents, 0, 3).outlier).toBe(true);
  });

  it('an indicator with no outlier rule never flags', () => {
    const none: Indicator = { ...email, outlier: undefined };
    expect(outlierOf(none, 100, 0).outlier).toBe(false);
  });

  it('every indicator of the catalog has an outlier rule', () => {
    for (const i of c2025.indicators) expect(i.outlier, i.code).toBeDefined();
  });
});
