import { apiRouteOf, CACHE, cacheKeyFor, CONFIG_PATH, UNIT_ROUTES } from './caches.ts';

/**
 * The service worker caches what a page it controls fetches. The first visit's page is not controlled yet
 * when it loads the form (or is taken over while a request is on its way), so it files its own answers where
 * the worker will look for them: the form then opens offline after one visit, not two. A copy the worker has
 * filed already is simply filed again.
 */
export function keepForOffline(
  url: string,
  method: string,
  authorization: string | undefined,
  res: Response,
): void {
  if (method !== 'GET' || !('caches' in window)) return;
  const where = new URL(url, location.href);
  if (where.origin !== location.origin) return;
  const id = apiRouteOf(method, where.pathname);
  const cacheName =
    where.pathname === CONFIG_PATH && (res.ok || res.status === 404)
      ? CACHE.config
      : !res.ok
        ? undefined
        : id === 'getCatalog'
          ? CACHE.catalog
          : id && UNIT_ROUTES.includes(id)
            ? CACHE.unit
            : undefined;
  if (!cacheName) return;
  const key = cacheName === CACHE.unit ? cacheKeyFor(where.href, authorization ?? null) : where.href;
  const copy = res.clone();
  void caches
    .open(cacheName)
    .then((cache) => cache.put(key, copy))
    .catch(() => undefined);
}
