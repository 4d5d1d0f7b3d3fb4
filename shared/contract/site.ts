/**
 * How the static site is cached, the same locally (npm start) and in AWS (the web bucket's object metadata).
 * Files under `assets/` carry a content hash in their names, so a browser may keep them for good; everything
 * else (index.html, the service worker, the manifest, config.json) is revalidated on every use.
 */
export const HASHED_ASSETS_DIR = 'assets';
/** The deployment's settings beside the site (web/src/config.ts reads it; the local stack serves its own). */
export const CONFIG_FILE = 'config.json';
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

/** The Cache-Control of a site file, given its path below the site's root (no leading slash). */
export const siteCacheControl = (path: string): string =>
  path.startsWith(`${HASHED_ASSETS_DIR}/`) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;

/**
 * The page that draws a verified PDF inside the page, in a frame sandboxed to scripts only (an opaque origin):
 * Chromium refuses its own PDF viewer in any sandboxed frame, so pdf.js draws it there instead. The build
 * writes it, the evidence list frames it, and CloudFront and the local stack serve it framable by the site.
 */
export const PDF_VIEWER_PATH = '/pdf-view.html';

/** The agency's form for a year, as the web's router knows it; a reminder links to it. */
export const AGENCY_REPORT_ROUTE = '/report/:year';
export const agencyReportLink = (siteUrl: string, year: number): string =>
  `${siteUrl.replace(/\/$/, '')}/#${AGENCY_REPORT_ROUTE.replace(':year', String(year))}`;
