import { describe, expect, it } from 'vitest';
import { catalogJsonSchema, draftSchema, exampleValues, validateDraft } from '#shared/catalog/index';
import { c2025, expectBilingual, fieldOf } from './helpers.ts';

function issuesOf(input: unknown) {
  const r = validateDraft(c2025, input);
  return r.ok ? [] : r.issues;
}

describe('validateDraft', () => {
  it('accepts an empty draft, a partial one and cleared (null) fields', () => {
    expect(validateDraft(c2025, {})).toEqual({ ok: true, values: {} });
    const partial = { staff_total: 40, lan_available: true, rule_email_doc_date: null };
    expect(validateDraft(c2025, partial)).toEqual({ ok: true, values: partial });
  });

  it('accepts a complete example', () => {
    expect(validateDraft(c2025, exampleValues(c2025)).ok).toBe(true);
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'staff_total=4'],
    ['a number', 5],
  ])('refuses %s as the body', (_name, input) => {
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: '', code: 'invalid_type' });
    expectBilingual(issues[0]);
  });

  it('refuses unknown keys, one issue per key', () => {
    const issues = issuesOf({ staff_total: 4, staff_totl: 4, __proto__x: 1 });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['staff_totl', 'unknown_field'],
      ['__proto__x', 'unknown_field'],
    ]);
    expectBilingual(issues[0]);
  });

  it.each([
    ['staff_total', '40', 'invalid_type'],
    ['staff_total', 40.5, 'not_integer'],
    ['staff_total', 0, 'too_small'],
    ['staff_total', 100_001, 'too_big'],
    ['computers_in_use', -1, 'too_small'],
    ['staff_total', Number.NaN, 'invalid_type'],
    ['staff_total', Number.POSITIVE_INFINITY, 'invalid_type'],
    ['internet_bandwidth_mbps', 'fast', 'invalid_type'],
    ['internet_bandwidth_mbps', -0.5, 'too_small'],
    ['antivirus_coverage_pct', 100.5, 'too_big'],
    ['antivirus_coverage_pct', -1, 'too_small'],
    ['lan_available', 'yes', 'invalid_type'],
    ['lan_available', 1, 'invalid_type'],
    ['internet_type', 'satellite', 'invalid_choice'],
    ['internet_type', 3, 'invalid_choice'],
    ['docmgmt_software_name', '', 'blank'],
    ['docmgmt_software_name', 'x'.repeat(201), 'too_long'],
    ['docmgmt_software_name', 42, 'invalid_type'],
    ['rule_email_doc_date', '2025-02-30', 'invalid_date'],
    ['rule_email_doc_date', '15/03/2019', 'invalid_date'],
    ['rule_email_doc_date', '1989-12-31', 'date_too_early'],
    ['rule_email_doc_date', '2026-01-01', 'date_too_late'],
    ['rule_email_doc_date', 20190315, 'invalid_type'],
  ])('%s = %j → %s, naming the field by its label', (path, value, code) => {
    const issues = issuesOf({ [path]: value });
    expect(issues.map((i) => [i.path, i.code])).toEqual([[path, code]]);
    expectBilingual(issues[0]);
    const label = fieldOf(c2025, path).label;
    expect(issues[0]?.message.vi).toContain(label.vi);
    expect(issues[0]?.message.en).toContain(label.en);
  });

  it('accepts the bounds themselves', () => {
    expect(
      validateDraft(c2025, {
        staff_total: 1,
        antivirus_coverage_pct: 100,
        rule_email_doc_date: '2025-12-31',
        rule_it_use_doc_date: '1990-01-01',
        docmgmt_software_name: 'x'.repeat(200),
        internet_bandwidth_mbps: 0.5,
      }).ok,
    ).toBe(true);
  });

  it('reports every bad field at once', () => {
    const issues = issuesOf({ staff_total: -3, internet_type: 'x', nope: 1 });
    expect(issues.map((i) => i.path).sort()).toEqual(['internet_type', 'nope', 'staff_total']);
  });

  it('never throws on hostile input', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => validateDraft(c2025, cyclic)).not.toThrow();
    expect(() => validateDraft(c2025, Object.create(null))).not.toThrow();
    expect(validateDraft(c2025, JSON.parse('{"__proto__": {"x": 1}}')).ok).toBe(false);
  });

  it('caches the schema per catalog', () => {
    expect(draftSchema(c2025)).toBe(draftSchema(c2025));
  });
});

describe('catalogJsonSchema', () => {
  const schema = catalogJsonSchema(c2025) as {
    type: string;
    additionalProperties: boolean;
    required?: string[];
    properties: Record<string, { anyOf?: Array<Record<string, unknown>>; title?: string }>;
  };

  it('is a strict object with one property per field and none required (drafts may be partial)', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(c2025.fields.map((f) => f.code).sort());
    expect(schema.required ?? []).toEqual([]);
  });

  it('carries types, bounds, choices and nullability', () => {
    expect(schema.properties.staff_total?.anyOf).toEqual([
      { type: 'integer', minimum: 1, maximum: 100_000 },
      { type: 'null' },
    ]);
    expect(schema.properties.internet_type?.anyOf?.[0]).toMatchObject({
      type: 'string',
      enum: ['none', 'adsl', 'fiber', 'leased_line', 'mobile'],
    });
    expect(schema.properties.rule_email_doc_date?.anyOf?.[0]).toMatchObject({
      type: 'string',
      format: 'date',
    });
    expect(schema.properties.docmgmt_software_name?.anyOf?.[0]).toMatchObject({
      minLength: 1,
      maxLength: 200,
    });
    expect(schema.properties.staff_total?.title).toContain('CBCCVC');
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
