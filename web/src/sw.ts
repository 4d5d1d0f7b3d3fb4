/// <reference lib="webworker" />
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { LOCAL_OIDC_MOUNT } from '#shared/contract/routes';
import { HASHED_ASSETS_DIR } from '#shared/contract/site';
import {
  apiRouteOf,
  CACHE,
  cacheKeyFor,
  CONFIG_PATH,
  OFFLINE_COPY_HEADER,
  UNIT_ROUTES,
} from './offline/caches.ts';
import { revalidateKeptCopy } from './offline/revalidate.ts';

/*
 * The service worker, built with Workbox (injectManifest: web/build.ts lists the precache). It keeps the app
 * shell and the agency's pages, the catalogs, and the signed-in unit's last answers, so that the form opens
 * with no connection. Edits made offline are the page's business (IndexedDB), not the worker's.
 */
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string; revision: string | null }[] };

self.skipWaiting();
// The first visit's page is taken over at once, so what it fetches from now on is cached.
clientsClaim();
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Hash routes: every page is the one index.html, but for the local stack's sign-in pages: its OIDC provider
// shares the site's origin, and its pages are the server's own.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [new RegExp(`^${LOCAL_OIDC_MOUNT}(?:/|$)`)],
  }),
);

const sameOrigin = (url: URL) => url.origin === self.location.origin;

registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname.startsWith(`/${HASHED_ASSETS_DIR}/`),
  new CacheFirst({ cacheName: CACHE.assets, plugins: [new CacheableResponsePlugin({ statuses: [200] })] }),
);

registerRoute(
  ({ url }) => sameOrigin(url) && url.pathname === CONFIG_PATH,
  // It changes only with a deployment: served at once, refreshed behind.
  new StaleWhileRevalidate({
    cacheName: CACHE.config,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200, 404] }),
      revalidateKeptCopy((request) => caches.match(request.url, { cacheName: CACHE.config })),
    ],
  }),
);

registerRoute(
  ({ url, request }) => sameOrigin(url) && apiRouteOf(request.method, url.pathname) === 'getCatalog',
  new StaleWhileRevalidate({
    cacheName: CACHE.catalog,
    plugins: [new CacheableResponsePlugin({ statuses: [200] })],
  }),
);

registerRoute(
  ({ url, request }) => {
    const id = sameOrigin(url) ? apiRouteOf(request.method, url.pathname) : undefined;
    return id !== undefined && UNIT_ROUTES.includes(id);
  },
  new NetworkFirst({
    cacheName: CACHE.unit,
    // On a link that crawls, the last copy after 10 s; the answer still lands in the cache when it comes.
    networkTimeoutSeconds: 10,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      revalidateKeptCopy((request) =>
        caches.match(cacheKeyFor(request.url, request.headers.get('authorization')), {
          cacheName: CACHE.unit,
        }),
      ),
      {
        cacheKeyWillBeUsed: async ({ request }) =>
          cacheKeyFor(request.url, request.headers.get('authorization')),
        // NetworkFirst reads its cache only when the network failed or timed out.
        cachedResponseWillBeUsed: async ({ cachedResponse }) => {
          if (!cachedResponse) return cachedResponse;
          const headers = new Headers(cachedResponse.headers);
          headers.set(OFFLINE_COPY_HEADER, '1');
          return new Response(cachedResponse.body, {
            status: cachedResponse.status,
            statusText: cachedResponse.statusText,
            headers,
          });
        },
      },
    ],
  }),
);
