import type { WorkboxPlugin } from 'workbox-core';

/**
 * A repeat visit revalidates what the service worker kept rather than fetching it again: the kept copy's ETag
 * goes out as If-None-Match, and a 304 (the route table's conditional GETs, the site's config file) is answered
 * with the kept copy. The page asks with `cache: 'no-store'`, so the browser's HTTP cache never holds a report;
 * only the worker's caches, which signing out empties, do. `keptCopyOf` finds the copy (a Cache Storage match).
 */
export function revalidateKeptCopy(
  keptCopyOf: (request: Request) => Promise<Response | undefined>,
  refetch: (request: Request) => Promise<Response> = (request) => fetch(request),
): WorkboxPlugin {
  return {
    requestWillFetch: async ({ request }) => {
      const etag = (await keptCopyOf(request))?.headers.get('etag');
      if (!etag) return request;
      const headers = new Headers(request.headers);
      headers.set('if-none-match', etag);
      return new Request(request, { headers });
    },
    fetchDidSucceed: async ({ request, response }) => {
      if (response.status !== 304) return response;
      const kept = await keptCopyOf(request);
      if (kept) return kept;
      // The copy went (a sign-out) while the request was out: ask again, unconditionally.
      const headers = new Headers(request.headers);
      headers.delete('if-none-match');
      return refetch(new Request(request, { headers }));
    },
  };
}
