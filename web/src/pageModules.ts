/*
 * The chunks of each page the router loads on demand, as `web/build.ts` writes them into index.html (a JSON data
 * block, which the CSP's `script-src 'self'` does not govern because it is never run). Asking for all of a page's
 * chunks at once saves a round trip per import level, and lets them travel while the sign-in is still being set up.
 */
let map: Readonly<Record<string, readonly string[]>> | undefined;

function pageModules(): Readonly<Record<string, readonly string[]>> {
  if (map) return map;
  try {
    const parsed: unknown = JSON.parse(document.getElementById('page-modules')?.textContent ?? '{}');
    map = parsed && typeof parsed === 'object' ? (parsed as Record<string, readonly string[]>) : {};
  } catch {
    // Served without the build (a page under test): nothing to preload, the imports still work.
    map = {};
  }
  return map;
}

export function preloadPage(page: string): void {
  for (const href of pageModules()[page] ?? []) {
    if (document.head.querySelector(`link[rel="modulepreload"][href="${CSS.escape(href)}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
}
