import { apiRouteOf, CACHE, cacheKeyFor, UNIT_ROUTES } from './caches.ts';

/**
 * The service worker caches what a page it controls fetches. The first visit's page is not controlled yet
 * when it loads the form, so it files its own answers where the worker will look for them: the form then
 * opens offline after one visit, not two.
 */
export function keepForOffline(
  url: string,
  method: string,
  authorization: string | undefined,
  res: Response,
): void {
  if (method !== 'GET' || !res.ok || !('caches' in window) || navigator.serviceWorker?.controller) return;
  const where = new URL(url, location.href);
  if (where.origin !== location.origin) return;
  const id = apiRouteOf(method, where.pathname);
  const cacheName =
    id === 'getCatalog' ? CACHE.catalog : id && UNIT_ROUTES.includes(id) ? CACHE.unit : undefined;
  if (!cacheName) return;
  const key = cacheName === CACHE.unit ? cacheKeyFor(where.href, authorization ?? null) : where.href;
  const copy = res.clone();
  void caches
    .open(cacheName)
    .then((cache) => cache.put(key, copy))
    .catch(() => undefined);
}
