import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateIndicator,
  computeIndicators,
  outlierOf,
  scoreUnit,
  validateDraft,
  validateSubmission,
  type CatalogField,
  type FieldValue,
  type IndicatorValue,
} from '#shared/catalog/index';
import { c2024, c2025 } from './helpers.ts';

/** Any value the draft schema accepts for a field, with the bounds (mostly 0) and null made likely. */
function valueArb(f: CatalogField): fc.Arbitrary<FieldValue> {
  switch (f.type) {
    case 'integer':
      return fc.oneof(fc.constantFrom(f.min, f.max), fc.integer({ min: f.min, max: f.max }));
    case 'decimal':
    case 'percent':
      return fc.oneof(
        fc.constantFrom(f.min, f.max),
        fc.double({ min: f.min, max: f.max, noNaN: true, noDefaultInfinity: true }),
      );
    case 'boolean':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...f.choices.map((c) => c.value));
    case 'text':
      return fc.string({ minLength: 1, maxLength: f.maxLength });
    case 'date':
      return fc
        .date({
          min: new Date(`${f.min ?? '1990-01-01'}T00:00:00Z`),
          max: new Date(`${f.max ?? '2030-12-31'}T00:00:00Z`),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
  }
}

const reportArb = fc.record(
  Object.fromEntries(c2025.fields.map((f) => [f.code, fc.option(valueArb(f), { nil: null })])),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, FieldValue>>;

const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);
const wellFormed = (v: IndicatorValue | undefined) =>
  v !== undefined && finiteOrNull(v.value) && finiteOrNull(v.numerator) && finiteOrNull(v.denominator);

describe('properties over any report within bounds', () => {
  it('the generator stays within the draft schema', () => {
    fc.assert(
      fc.property(reportArb, (values) => {
        expect(validateDraft(c2025, values).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('computeIndicators never yields NaN or Infinity', () => {
    fc.assert(
      fc.property(reportArb, (values) => {
        const result = computeIndicators(c2025, values);
        expect(Object.keys(result).length).toBe(c2025.indicators.length);
        for (const v of Object.values(result)) expect(wellFormed(v)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('aggregates, scores and outlier checks stay finite too', () => {
    fc.assert(
      fc.property(
        fc.array(reportArb, { minLength: 0, maxLength: 6 }),
        fc.constantFrom('province', 'district', 'commune'),
        (reports, level) => {
          const units = reports.map((r) => computeIndicators(c2025, r));
          for (const indicator of c2025.indicators) {
            const group = aggregateIndicator(
              indicator,
              units.map((u) => u[indicator.code] as IndicatorValue),
            );
            expect(wellFormed(group)).toBe(true);
            const [a, b] = units;
            outlierOf(indicator, a?.[indicator.code]?.value ?? null, b?.[indicator.code]?.value ?? null);
          }
          for (const u of units) {
            const s = scoreUnit(c2025, u, level);
            expect(Number.isFinite(s.points) && Number.isFinite(s.share)).toBe(true);
            expect(s.points).toBeLessThanOrEqual(s.applicableMax);
            expect(s.applicableMax).toBeLessThanOrEqual(s.fullMax);
            expect(s.score).toBeCloseTo(s.share * 100, 10);
            expect(s.share).toBeGreaterThanOrEqual(0);
            expect(s.share).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('validation never throws and always answers in both languages', () => {
    fc.assert(
      fc.property(fc.oneof(reportArb, fc.dictionary(fc.string(), fc.jsonValue())), (values) => {
        for (const catalog of [c2024, c2025]) {
          const draft = validateDraft(catalog, values);
          const issues = draft.ok
            ? validateSubmission(catalog, draft.values, { evidenceFields: new Set() })
            : draft.issues;
          for (const i of issues) expect(i.message.vi.length > 0 && i.message.en.length > 0).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a group’s ratio-of-sums percentage lies between its units’ smallest and largest', () => {
    const email = c2025.indicators.find((i) => i.code === 'email_regular_pct');
    if (!email) throw new Error('no email_regular_pct');
    const unit = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map(([den, n]) => ({ staff_total: den, staff_email_regular: Math.min(n, den) }));
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 20 }), (units) => {
        const parts = units.map((u) => computeIndicators(c2025, u).email_regular_pct as IndicatorValue);
        const values = parts.map((p) => p.value as number);
        const group = aggregateIndicator(email, parts).value as number;
        expect(group).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(group).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
      }),
    );
  });
});
