import type { Catalog, CatalogField, FieldValue, ReportValues } from './types.ts';

function fallback(f: CatalogField, year: number): FieldValue {
  switch (f.type) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return f.min;
    case 'boolean':
      // "No" needs no evidence, so it is the value that keeps a generated example valid.
      return false;
    case 'choice':
      return f.choices[0]?.value ?? null;
    case 'text':
      return 'Ví dụ'.slice(0, f.maxLength);
    case 'date':
      return f.min ?? f.max ?? `${year}-01-01`;
  }
}

/** A complete, valid report: each field's catalog example, or a value built from its bounds. */
export function exampleValues(catalog: Catalog): ReportValues {
  const out: Record<string, FieldValue> = {};
  for (const f of catalog.fields)
    out[f.code] = f.example !== undefined ? f.example : fallback(f, catalog.year);
  return Object.freeze(out);
}
