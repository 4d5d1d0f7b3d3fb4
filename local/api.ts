import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import { SITE_URL_ENV } from '#shared/config';
import { matchPath, routes } from '#shared/contract/routes';
import { CONFIG_FILE, siteCacheControl } from '#shared/contract/site';
import { noneMatchHits, weakEtagOf } from '#shared/http/conditionalGet';
import { contentSecurityPolicy, PDF_VIEWER_PATH } from '#shared/sitePolicy';
import { createApiListener } from './adapter.ts';
import { devRoutes, localUsers } from './devRoutes.ts';
import { answerLambdaInvoke, lambdaEndpoint } from './lambdaInvoke.ts';
import type { LocalIssuer } from './identity.ts';
import { createLocalOidc, OIDC_MOUNT, type LocalOidc } from './oidcProvider.ts';
import { staticFiles } from './staticFiles.ts';

const isRoute = (method: string | undefined, path: string) =>
  routes.some((r) => r.method === method && matchPath(r.path, path) !== undefined);

export interface LocalApi {
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

/**
 * The site asks for the deployment's /config.json on every load. Locally it gets one too: with the local OIDC
 * provider, what the deployed stack writes for this origin (`quickSignIn`, the chooser of seeded users over
 * POST /dev/token beside the real sign-in, is local only); without it, nothing, so the site signs in through
 * /dev/token. Like the file in the web bucket it is revalidated on every use, so a repeat visit gets a 304.
 */
function answerSiteConfig(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  oidc: LocalOidc | undefined,
): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || url.pathname !== `/${CONFIG_FILE}`) return false;
  const config = oidc ? { stage: 'local', apiUrl: '', auth: oidc.siteAuth, quickSignIn: true } : {};
  const etag = weakEtagOf(config);
  const validators = { etag, 'cache-control': siteCacheControl(CONFIG_FILE) };
  const header = req.headers['if-none-match'];
  if (noneMatchHits(Array.isArray(header) ? header.join(',') : header, etag)) {
    res.writeHead(304, validators);
    res.end();
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...validators });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify(config));
  return true;
}

/** The HTTP side of the local stack: the route table's handlers, /dev routes and the static site. */
export async function startApi(opts: {
  port: number;
  issuer: LocalIssuer;
  webDir?: string;
  s3Endpoint: string;
  /**
   * Serve the local OIDC provider under /oidc and the site's /config.json. The issuer must then be
   * `http://127.0.0.1:<port>/oidc`, so the port must be known in advance.
   */
  oidc?: boolean;
}): Promise<LocalApi> {
  const dev = devRoutes(opts.issuer);
  let oidc: LocalOidc | undefined;
  const signIn = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!oidc) return false;
    return oidc.answer(req, res, url);
  };
  const site = opts.webDir
    ? staticFiles(opts.webDir, (pathname) => {
        // As CloudFront's behaviours do: the PDF viewer may be framed by the site, no other page by anyone.
        const viewer = pathname === PDF_VIEWER_PATH;
        return {
          'content-security-policy': contentSecurityPolicy({
            connectSources: [opts.s3Endpoint],
            frameSources: [opts.s3Endpoint],
            upgradeInsecureRequests: false,
            framedBySite: viewer,
          }),
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'strict-origin-when-cross-origin',
          'x-frame-options': viewer ? 'SAMEORIGIN' : 'DENY',
        };
      })
    : undefined;
  const listener = createApiListener({
    verifyToken: opts.issuer.verify,
    // A route of the table wins over a file of the same name, as the API's own path does behind CloudFront.
    localRoutes: async (req, res, url) =>
      answerSiteConfig(req, res, url, oidc) ||
      (await answerLambdaInvoke(req, res, url)) ||
      (await signIn(req, res, url)) ||
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
  const url = `http://127.0.0.1:${port}`;
  if (opts.oidc) {
    if (opts.issuer.issuer !== `${url}${OIDC_MOUNT}`) {
      server.close();
      throw new Error(
        `The local issuer is ${opts.issuer.issuer}; the OIDC provider needs ${url}${OIDC_MOUNT}.`,
      );
    }
    oidc = createLocalOidc({
      origin: url,
      clientId: opts.issuer.audience,
      signingKey: opts.issuer.signingKey,
      users: localUsers,
    });
  }
  // Routes that start a job call Lambda's Invoke API; locally this server answers it.
  process.env.LAMBDA_ENDPOINT = lambdaEndpoint(url);
  // The site is served here too: reminders link to it.
  process.env[SITE_URL_ENV] = url;
  return {
    url,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
