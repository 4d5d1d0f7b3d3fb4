import { expect } from 'vitest';
import { catalogFor, type Catalog, type FieldValue, type ReportValues } from '#shared/catalog/index';
import type { FieldIssue } from '#shared/contract/errors';

export function mustCatalog(year: number): Catalog {
  const catalog = catalogFor(year);
  if (!catalog) throw new Error(`no catalog for ${year}`);
  return catalog;
}

export const c2024 = mustCatalog(2024);
export const c2025 = mustCatalog(2025);

/** Every field the catalog could ask evidence for, as if all of it had been verified. */
export const allEvidence = (catalog: Catalog): ReadonlySet<string> =>
  new Set(catalog.fields.filter((f) => f.evidence.rule !== 'none').map((f) => f.code));

export const withValues = (base: ReportValues, patch: Record<string, FieldValue>): ReportValues => ({
  ...base,
  ...patch,
});

export function fieldOf(catalog: Catalog, code: string) {
  const f = catalog.fields.find((x) => x.code === code);
  if (!f) throw new Error(`no field ${code}`);
  return f;
}

export function indicatorOf(catalog: Catalog, code: string) {
  const i = catalog.indicators.find((x) => x.code === code);
  if (!i) throw new Error(`no indicator ${code}`);
  return i;
}

/** Both languages present and not the same text; the wording itself is free to change. */
export function expectBilingual(issue: FieldIssue | undefined) {
  expect(issue).toBeDefined();
  expect(issue?.message.vi.trim()).not.toBe('');
  expect(issue?.message.en.trim()).not.toBe('');
  expect(issue?.message.vi).not.toBe(issue?.message.en);
}
