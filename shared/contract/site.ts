/**
 * How the static site is cached, the same locally (npm start) and in AWS (the web bucket's object metadata).
 * Files under `assets/` carry a content hash in their names, so a browser may keep them for good; everything
 * else (index.html, the service worker, the manifest, config.json) is revalidated on every use.
 */
export const HASHED_ASSETS_DIR = 'assets';
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

/** The Cache-Control of a site file, given its path below the site's root (no leading slash). */
export const siteCacheControl = (path: string): string =>
  path.startsWith(`${HASHED_ASSETS_DIR}/`) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;
