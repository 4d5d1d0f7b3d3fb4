import type { Catalog } from '#shared/catalog/types';
import { ApiError, call } from './api.ts';
import type { PublicCatalog } from './types.ts';

/* The public catalog is a superset of the catalog, so the shared validators and formulas run on it as is. */
export const asCatalog = (c: PublicCatalog): Catalog => c;

const cache = new Map<number, Promise<PublicCatalog | undefined>>();

/** GET /catalog/{year}: the catalog itself plus what the form needs to lay it out; undefined for no catalog. */
export function loadCatalog(year: number): Promise<PublicCatalog | undefined> {
  let hit = cache.get(year);
  if (!hit) {
    hit = call('getCatalog', { params: { year }, cache: 'default' }).then(
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
