import { matchPath, routes, type RouteId } from '#shared/contract/routes';
import { CONFIG_FILE } from '#shared/contract/site';

/*
 * What the service worker keeps, shared by the worker (which fills the caches) and the page (which empties
 * them on sign-out). The app shell is Workbox's precache; these are the runtime caches beside it.
 */
export const CACHE = {
  /** Hashed chunks of pages not precached (the auditors' pages): kept once fetched, never revalidated. */
  assets: 'bccntt-assets',
  /** config.json: its absence (a 404) is an answer too (a deployment without one, an older local stack). */
  config: 'bccntt-config',
  /** The public catalogs: served at once from the cache, revalidated (a 304) behind it. */
  catalog: 'bccntt-catalog',
  /** The signed-in unit's own answers: its report, its evidence list, who it is, the year's targets. Cleared on sign-out. */
  unit: 'bccntt-unit',
} as const;

/** The site's settings (web/src/config.ts): the sign-in provider and where the API is; a 404 is kept too. */
export const CONFIG_PATH = `/${CONFIG_FILE}`;

/**
 * Set by the worker on an answer it gave from its cache because the network failed: the page says it is
 * showing the copy kept on this computer. `navigator.onLine` cannot say so; it is true on a link that is up
 * but leads nowhere, and browsers disagree on it.
 */
export const OFFLINE_COPY_HEADER = 'x-bccntt-offline-copy';

/** GET routes whose last answer opens the agency's form with no connection. */
export const UNIT_ROUTES: readonly RouteId[] = ['getMe', 'getMyReport', 'listMyEvidence', 'getTargets'];

/**
 * The route a same-origin URL names. The API is served at the site's origin, either at the root (locally) or
 * under the stage's path segment (behind CloudFront), so both readings are tried.
 */
export function apiRouteOf(method: string, pathname: string): RouteId | undefined {
  const candidates = [pathname, pathname.replace(/^\/[^/]+/, '')];
  for (const route of routes) {
    if (route.method !== method) continue;
    if (candidates.some((p) => matchPath(route.path, p) !== undefined)) return route.id as RouteId;
  }
  return undefined;
}

/**
 * A shared office computer serves several users: a unit's cached answers are filed under its user, taken from
 * the token's `sub` claim (unverified: this only keeps one user's copy from being offered to another).
 */
export function cacheKeyFor(url: string, authorization: string | null): string {
  const token = /^Bearer\s+([^.]+)\.([^.]+)\./i.exec(authorization ?? '')?.[2];
  let sub = 'anonymous';
  if (token) {
    try {
      const claims = JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
      if (typeof claims.sub === 'string') sub = claims.sub;
    } catch {
      // An unreadable token files the answer under no one.
    }
  }
  const key = new URL(url);
  key.searchParams.set('offline-user', sub);
  return key.href;
}
