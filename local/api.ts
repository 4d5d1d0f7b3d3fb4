import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import { matchPath, routes } from '#shared/contract/routes';
import { CONFIG_FILE, siteCacheControl } from '#shared/contract/site';
import { noneMatchHits, weakEtagOf } from '#shared/http/conditionalGet';
import { contentSecurityPolicy } from '#shared/sitePolicy';
import { createApiListener } from './adapter.ts';
import { devRoutes } from './devRoutes.ts';
import { answerLambdaInvoke } from './lambdaInvoke.ts';
import type { LocalIssuer } from './identity.ts';
import { staticFiles } from './staticFiles.ts';

const isRoute = (method: string | undefined, path: string) =>
  routes.some((r) => r.method === method && matchPath(r.path, path) !== undefined);

export interface LocalApi {
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

/**
 * The site asks for the deployment's /config.json on every load. Locally it gets one too, naming no identity
 * provider, so the site signs in through /dev/token, and a normal page load meets no 404. Like the file in the
 * web bucket it is revalidated on every use, so a repeat visit gets a 304.
 */
const LOCAL_CONFIG = {};
const LOCAL_CONFIG_ETAG = weakEtagOf(LOCAL_CONFIG);
function answerLocalConfig(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || url.pathname !== `/${CONFIG_FILE}`) return false;
  const validators = { etag: LOCAL_CONFIG_ETAG, 'cache-control': siteCacheControl(CONFIG_FILE) };
  const header = req.headers['if-none-match'];
  if (noneMatchHits(Array.isArray(header) ? header.join(',') : header, LOCAL_CONFIG_ETAG)) {
    res.writeHead(304, validators);
    res.end();
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...validators });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify(LOCAL_CONFIG));
  return true;
}

/** The HTTP side of the local stack: the route table's handlers, /dev routes and the static site. */
export async function startApi(opts: {
  port: number;
  issuer: LocalIssuer;
  webDir?: string;
  s3Endpoint: string;
}): Promise<LocalApi> {
  const dev = devRoutes(opts.issuer);
  const site = opts.webDir
    ? staticFiles(opts.webDir, {
        'content-security-policy': contentSecurityPolicy({
          connectSources: [opts.s3Endpoint],
          frameSources: [opts.s3Endpoint],
          upgradeInsecureRequests: false,
        }),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'x-frame-options': 'DENY',
      })
    : undefined;
  const listener = createApiListener({
    verifyToken: opts.issuer.verify,
    // A route of the table wins over a file of the same name, as the API's own path does behind CloudFront.
    localRoutes: async (req, res, url) =>
      answerLocalConfig(req, res, url) ||
      (await answerLambdaInvoke(req, res, url)) ||
      (await dev(req, res, url)) ||
      (site !== undefined &&
        (req.method === 'GET' || req.method === 'HEAD') &&
        !isRoute(req.method, url.pathname) &&
        (await site(req, res))),
  });
  // Answers and files are compressed as CloudFront compresses them; the API's own compressed answers pass as they are.
  const compress = compression() as unknown as (
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ) => void;
  const server = createServer((req, res) => compress(req, res, () => void listener(req, res)));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Routes that start a job call Lambda's Invoke API; locally this server answers it.
  process.env.LAMBDA_ENDPOINT = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
