import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { matchPath, routes, type Route } from '#shared/contract/routes';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '#shared/http/originCheck';
import type { ApiEvent, ApiResponse } from '#shared/http/types';
import { runningFunction } from '#shared/store/callLog';

/**
 * A local stand-in for API Gateway's HTTP API (payload format 2.0). It serves the rows of the route table by
 * invoking the same handler modules that the CDK stack deploys, and verifies JWTs as the JWT authorizer does.
 */
const ROOT = resolve(import.meta.dirname, '..');
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

type LambdaHandler = (event: ApiEvent, context: Context) => Promise<ApiResponse>;

export interface AdapterOptions {
  /** Returns the token's claims, or undefined when the authorizer would refuse it. */
  readonly verifyToken: (token: string) => Promise<Record<string, unknown> | undefined>;
  readonly webDir?: string;
  /** Extra headers on static files (the CSP and friends that CloudFront adds in AWS). */
  readonly staticHeaders?: Readonly<Record<string, string>>;
  /** Local-only routes (/dev/*); returns true when it answered. */
  readonly localRoutes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  readonly routeTable?: readonly Route[];
}

const handlers = new Map<string, Promise<LambdaHandler>>();
function loadHandler(route: Route): Promise<LambdaHandler> {
  let loaded = handlers.get(route.handler);
  if (!loaded) {
    const file = pathToFileURL(join(ROOT, 'functions', `${route.handler}.ts`)).href;
    loaded = import(file).then((m: { handler: LambdaHandler }) => m.handler);
    handlers.set(route.handler, loaded);
  }
  return loaded;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[\w.+-]+\+json))/i;

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > API_GATEWAY_MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** API Gateway hands every claim over as a string, arrays as "[a b]". */
function claimsAsApiGateway(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(claims)) {
    out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

export function buildEvent(
  req: IncomingMessage,
  url: URL,
  route: Route,
  pathParameters: Record<string, string>,
  body: Buffer,
  claims: Record<string, string> | undefined,
): ApiEvent {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/).filter(Boolean));
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // What CloudFront adds on its way to the API origin; a caller's own value is replaced, as CloudFront does.
  headers[ORIGIN_VERIFY_HEADER] = process.env[ORIGIN_VERIFY_ENV] ?? '';
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  const isText = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  } as ApiEvent;
}

function lambdaContext(route: Route, requestId: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: route.handler,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${route.handler}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${route.handler}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A `%` that starts no valid escape, or an escape that is not UTF-8. */
function isMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

function sendGatewayError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message }));
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

function serveStatic(opts: AdapterOptions, url: URL, res: ServerResponse): boolean {
  if (!opts.webDir) return false;
  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(opts.webDir, relative);
  if (!file.startsWith(opts.webDir)) return false;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return false;
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=300',
    ...opts.staticHeaders,
  });
  createReadStream(file).pipe(res);
  return true;
}

export function createApiListener(opts: AdapterOptions) {
  const table = opts.routeTable ?? routes;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (isMalformedPath(url.pathname)) return sendGatewayError(res, 400, 'Bad Request');
      if (opts.localRoutes && (await opts.localRoutes(req, res, url))) return;
      let match: { route: Route; params: Record<string, string> } | undefined;
      for (const route of table) {
        if (route.method !== req.method) continue;
        const params = matchPath(route.path, url.pathname);
        if (params) {
          match = { route, params };
          break;
        }
      }
      if (!match) {
        if ((req.method === 'GET' || req.method === 'HEAD') && serveStatic(opts, url, res)) return;
        sendGatewayError(res, 404, 'Not Found');
        return;
      }
      const body = await readBody(req);
      if (body === 'too-large') return sendGatewayError(res, 413, 'Request Entity Too Large');
      let claims: Record<string, string> | undefined;
      if (match.route.auth !== 'public') {
        const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
        const verified = token ? await opts.verifyToken(token) : undefined;
        if (!verified) return sendGatewayError(res, 401, 'Unauthorized');
        claims = claimsAsApiGateway(verified);
      }
      const event = buildEvent(req, url, match.route, match.params, body, claims);
      const handler = await loadHandler(match.route);
      const context = lambdaContext(match.route, event.requestContext.requestId);
      const result = await runningFunction.run(match.route.id, () => handler(event, context));
      const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
      if (result.cookies?.length) headers['set-cookie'] = result.cookies;
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
    } catch (error) {
      // In AWS an invocation failure is API Gateway's 500; keep it visible here.
      console.error(error);
      if (!res.headersSent) sendGatewayError(res, 500, 'Internal Server Error');
      else res.end();
    }
  };
}
