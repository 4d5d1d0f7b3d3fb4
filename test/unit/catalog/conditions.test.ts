import { describe, expect, it } from 'vitest';
import {
  applicableValues,
  conditionsOf,
  fieldApplies,
  fieldsInBrokenRules,
  requiredNow,
} from '#shared/catalog/conditions';
import { catalogFor, type Catalog } from '#shared/catalog/index';

const catalog = catalogFor(2026) as Catalog;
const conditions = conditionsOf(catalog);
const field = (code: string) => catalog.fields.find((f) => f.code === code)!;

describe('what applies, from the catalog’s requiredIf rules', () => {
  it('names every `then` field of a requiredIf rule, and no other', () => {
    const named = new Set(catalog.rules.flatMap((r) => (r.kind === 'requiredIf' ? r.then : [])));
    expect(new Set(conditions.keys())).toEqual(named);
    expect(conditions.get('portal_url')).toEqual([{ field: 'portal_operating', op: 'eq', value: true }]);
  });

  it('asks a conditional field only while its condition holds, and requires it then', () => {
    expect(fieldApplies(conditions, 'portal_url', {})).toBe(false);
    expect(fieldApplies(conditions, 'portal_url', { portal_operating: false })).toBe(false);
    expect(fieldApplies(conditions, 'portal_url', { portal_operating: true })).toBe(true);
    expect(requiredNow(conditions, field('portal_url'), { portal_operating: true })).toBe(true);
    expect(requiredNow(conditions, field('portal_url'), { portal_operating: false })).toBe(false);
    expect(fieldApplies(conditions, 'it_projects_value', { it_projects_count: 0 })).toBe(false);
    expect(fieldApplies(conditions, 'it_projects_value', { it_projects_count: 2 })).toBe(true);
    // A field no condition names always applies, and keeps the catalog's own marking.
    expect(fieldApplies(conditions, 'staff_total', {})).toBe(true);
    expect(requiredNow(conditions, field('staff_total'), {})).toBe(field('staff_total').required);
  });

  it('keeps only the values of the fields that apply', () => {
    const values = { portal_operating: false, portal_url: 'https://x.gov.vn', staff_total: 10 };
    expect(applicableValues(conditions, values, values)).toEqual({
      portal_operating: false,
      staff_total: 10,
    });
  });

  it('names every field of a broken rule, so an indicator built on them is not called met', () => {
    const broken = fieldsInBrokenRules(catalog, { computers_in_use: 100, computers_internet: 150 });
    expect(broken).toEqual(new Set(['computers_internet', 'computers_in_use']));
    expect(fieldsInBrokenRules(catalog, { computers_in_use: 100, computers_internet: 100 }).size).toBe(0);
  });
});
