import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { siteCacheControl } from '#shared/contract/site';

/**
 * The built site as CloudFront serves it from the web bucket: ETags (a repeat visit revalidates with a 304),
 * hashed assets cached for good and everything else revalidated, plus the headers CloudFront adds.
 * Files are looked up on every request, so a rebuild while the stack runs is served at once.
 */
export function staticFiles(
  webDir: string,
  headersOf: (pathname: string) => Readonly<Record<string, string>>,
) {
  const serve = sirv(webDir, {
    dev: true,
    etag: true,
    setHeaders: (res, pathname) => {
      res.setHeader('cache-control', siteCacheControl(pathname.replace(/^\/+/, '')));
      for (const [name, value] of Object.entries(headersOf(pathname))) res.setHeader(name, value);
    },
  });
  /** Resolves false when no file matches, so the caller can answer 404. */
  return (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      serve(req, res, () => resolve(false));
      if (res.headersSent || res.writableEnded) resolve(true);
    });
}
