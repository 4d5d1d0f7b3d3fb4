import { describe, expect, it } from 'vitest';
import {
  catalogJsonSchema,
  computeIndicators,
  exampleValues,
  publicCatalog,
  scoreUnit,
  validateDraft,
  validateSubmission,
  type Catalog,
  type CatalogField,
  type CrossFieldRule,
  type Indicator,
} from '#shared/catalog/index';
import { allEvidence, c2025 } from './helpers.ts';

/*
 * "Changing an indicator is one edit": a catalog with one more field, one indicator and one rule using it. No
 * function is told about them; each picks them up from the catalog it is given.
 */
const newField: CatalogField = {
  code: 'staff_digital_skills',
  section: 'skills',
  type: 'integer',
  label: { vi: 'Số CBCCVC có chứng chỉ kỹ năng số', en: 'Staff with a digital skills certificate' },
  help: { vi: 'Chứng chỉ còn hiệu lực.', en: 'Certificates still valid.' },
  unit: { vi: 'người', en: 'people' },
  min: 0,
  max: 100_000,
  required: true,
  evidence: { rule: 'required', kind: { vi: 'Danh sách chứng chỉ', en: 'List of certificates' } },
  example: 60,
};

const newIndicator: Indicator = {
  code: 'digital_skills_pct',
  section: 'skills',
  label: { vi: 'Tỷ lệ CBCCVC có chứng chỉ kỹ năng số', en: 'Share of staff with digital skills' },
  numerator: ['staff_digital_skills'],
  denominator: ['staff_total'],
  multiplier: 100,
  unit: { vi: '%', en: '%' },
  direction: 'higherIsBetter',
  targets: { province: 50, district: 40, commune: 20 },
  scoring: { method: 'ratio', maxPoints: 10 },
  outlier: { maxAbsChange: 30 },
};

const newRule: CrossFieldRule = {
  id: 'digital_skills_le_staff',
  kind: 'compare',
  left: ['staff_digital_skills'],
  op: '<=',
  right: ['staff_total'],
};

const edited: Catalog = {
  ...c2025,
  fields: [...c2025.fields, newField],
  indicators: [...c2025.indicators, newIndicator],
  rules: [...c2025.rules, newRule],
};

describe('one edit to the catalog reaches every consumer', () => {
  it('validateDraft accepts the new field, checks its bounds, and the old catalog still refuses it', () => {
    expect(validateDraft(edited, { staff_digital_skills: 12 }).ok).toBe(true);
    const bad = validateDraft(edited, { staff_digital_skills: -1 });
    expect(bad.ok ? [] : bad.issues.map((i) => [i.path, i.code])).toEqual([
      ['staff_digital_skills', 'too_small'],
    ]);
    const old = validateDraft(c2025, { staff_digital_skills: 12 });
    expect(old.ok ? [] : old.issues.map((i) => [i.path, i.code])).toEqual([
      ['staff_digital_skills', 'unknown_field'],
    ]);
  });

  it('validateSubmission requires it, applies its rule and asks for its evidence', () => {
    const base = exampleValues(c2025);
    const evidence = new Set([...allEvidence(c2025), 'staff_digital_skills']);
    expect(
      validateSubmission(edited, base, { evidenceFields: evidence }).map((i) => [i.path, i.code]),
    ).toEqual([['staff_digital_skills', 'required']]);
    expect(
      validateSubmission(edited, { ...base, staff_digital_skills: 500 }, { evidenceFields: evidence }).map(
        (i) => [i.path, i.code],
      ),
    ).toEqual([['staff_digital_skills', 'rule.digital_skills_le_staff']]);
    expect(
      validateSubmission(
        edited,
        { ...base, staff_digital_skills: 60 },
        { evidenceFields: allEvidence(c2025) },
      ).map((i) => [i.path, i.code]),
    ).toEqual([['staff_digital_skills', 'evidence_required']]);
    expect(
      validateSubmission(edited, exampleValues(edited), { evidenceFields: allEvidence(edited) }),
    ).toEqual([]);
  });

  it('computeIndicators and scoreUnit compute the new indicator', () => {
    const values = { ...exampleValues(c2025), staff_digital_skills: 60 }; // staff_total is 120
    expect(computeIndicators(edited, values).digital_skills_pct).toEqual({
      numerator: 60,
      denominator: 120,
      value: 50,
    });
    expect(computeIndicators(c2025, values).digital_skills_pct).toBeUndefined();
    const score = scoreUnit(edited, computeIndicators(edited, values), 'province');
    expect(score.perIndicator.digital_skills_pct).toBe(10);
    expect(score.applicableMax).toBe(110);
  });

  it('catalogJsonSchema and publicCatalog describe it', () => {
    const schema = catalogJsonSchema(edited) as { properties: Record<string, { anyOf: unknown[] }> };
    expect(schema.properties.staff_digital_skills?.anyOf).toEqual([
      { type: 'integer', minimum: 0, maximum: 100_000 },
      { type: 'null' },
    ]);
    expect((catalogJsonSchema(c2025) as typeof schema).properties.staff_digital_skills).toBeUndefined();
    const pub = publicCatalog(edited);
    expect(pub.sections.find((s) => s.id === 'skills')?.fields).toContain('staff_digital_skills');
    expect(pub.indicators.find((i) => i.code === 'digital_skills_pct')?.formula.expression).toBe(
      'staff_digital_skills / staff_total × 100',
    );
  });
});
