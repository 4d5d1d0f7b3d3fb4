import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiListener } from './adapter.ts';
import { devRoutes } from './devRoutes.ts';
import { answerLambdaInvoke, lambdaEndpoint } from './lambdaInvoke.ts';
import type { LocalIssuer } from './identity.ts';

export interface LocalApi {
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

/** The HTTP side of the local stack: the route table's handlers, /dev routes and the static site. */
export async function startApi(opts: {
  port: number;
  issuer: LocalIssuer;
  webDir?: string;
  s3Endpoint: string;
}): Promise<LocalApi> {
  const dev = devRoutes(opts.issuer);
  const listener = createApiListener({
    verifyToken: opts.issuer.verify,
    localRoutes: async (req, res, url) =>
      (await answerLambdaInvoke(req, res, url)) || (await dev(req, res, url)),
    ...(opts.webDir ? { webDir: opts.webDir } : {}),
    staticHeaders: {
      'content-security-policy': `default-src 'self'; connect-src 'self' ${opts.s3Endpoint}; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
    },
  });
  const server = createServer((req, res) => void listener(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Routes that start a job call Lambda's Invoke API; locally this server answers it.
  process.env.LAMBDA_ENDPOINT = lambdaEndpoint(`http://127.0.0.1:${port}`);
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
