import { applyTargetSet, type TargetSet } from '#shared/catalog/targetSet';
import type { Catalog } from '#shared/catalog/types';
import { ApiError, call } from './api.ts';
import type { PublicCatalog } from './types.ts';

/* The public catalog is a superset of the catalog, so the shared validators and formulas run on it as is. */
export const asCatalog = (c: PublicCatalog): Catalog => c;

/**
 * The catalog with the year's target set in place of its default targets, weights and bands: what the rollup
 * will score with. applyTargetSet spreads each indicator it is given, so the public fields stay.
 */
export const withTargetSet = (c: PublicCatalog, set: TargetSet): PublicCatalog =>
  ({ ...c, ...applyTargetSet(asCatalog(c), set) }) as PublicCatalog;

const cache = new Map<number, Promise<PublicCatalog | undefined>>();

/**
 * GET /catalog/{year}: the catalog itself plus what the form needs to lay it out; undefined for no catalog.
 * It is asked for beside GET /catalog, not after it (a round trip on a slow link), and a year that list does not
 * name has no catalog whatever the second answer was: a 404 there only comes from an address naming such a year.
 */
export function loadCatalog(year: number): Promise<PublicCatalog | undefined> {
  let hit = cache.get(year);
  if (!hit) {
    const catalog = call('getCatalog', { params: { year }, cache: 'default' }).then(
      (r) => r.data,
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      },
    );
    catalog.catch(() => undefined);
    hit = catalogYears()
      .then(async (available) => (available.includes(year) ? await catalog : undefined))
      .catch((error: unknown) => {
        cache.delete(year);
        throw error;
      });
    cache.set(year, hit);
  }
  return hit;
}

let years: Promise<readonly number[]> | undefined;

/** GET /catalog: the years that have a catalog, so no page asks for one that does not exist. */
export function catalogYears(): Promise<readonly number[]> {
  years ??= call('listCatalogYears', { cache: 'default' }).then(
    (r) => r.data.years,
    (error: unknown) => {
      years = undefined;
      throw error;
    },
  );
  return years;
}

/** The year being reported on is the current one; before its catalog exists, the newest year that has one. */
export async function defaultYear(now = new Date()): Promise<number | undefined> {
  const available = await catalogYears();
  const thisYear = now.getFullYear();
  return available.includes(thisYear) ? thisYear : available.filter((y) => y < thisYear).at(-1);
}
