import type { Catalog, CatalogField, Indicator } from '#shared/catalog/types';
import type { Bilingual } from '#shared/contract/i18n';
import { ApiError, call } from './api.ts';

/** GET /catalog/{year}: the catalog itself plus what the form needs to lay it out. */
export interface PublicCatalog extends Omit<Catalog, 'sections' | 'indicators' | 'rules'> {
  readonly sections: readonly (Catalog['sections'][number] & {
    readonly fields: readonly string[];
    readonly indicators: readonly string[];
  })[];
  readonly indicators: readonly (Indicator & {
    readonly formula: { readonly expression: string; readonly text: Bilingual };
  })[];
  readonly rules: Catalog['rules'];
}

/* The public catalog is a superset of the catalog type, so the shared validators and formulas run on it as is. */
export const asCatalog = (c: PublicCatalog): Catalog => c as unknown as Catalog;

const cache = new Map<number, Promise<PublicCatalog | undefined>>();

export function loadCatalog(year: number): Promise<PublicCatalog | undefined> {
  let hit = cache.get(year);
  if (!hit) {
    hit = call<PublicCatalog>(`/catalog/${year}`, { auth: false, cache: 'default' }).then(
      (r) => r.data,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return undefined;
        cache.delete(year);
        throw error;
      },
    );
    cache.set(year, hit);
  }
  return hit;
}

/** The year being reported on is the current one; before its catalog exists, the newest year that has one. */
export async function defaultYear(now = new Date()): Promise<number | undefined> {
  const thisYear = now.getFullYear();
  for (let y = thisYear; y >= thisYear - 3; y--) if (await loadCatalog(y)) return y;
  return undefined;
}

export const fieldMap = (c: PublicCatalog): Map<string, CatalogField> =>
  new Map(c.fields.map((f) => [f.code, f]));

/** The evidence a field needs given its current value: always, only when answered yes, or never. */
export function needsEvidence(field: CatalogField, value: unknown): boolean {
  return field.evidence.rule === 'required' || (field.evidence.rule === 'requiredIfTrue' && value === true);
}
