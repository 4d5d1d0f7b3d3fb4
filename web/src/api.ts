import type { BodyOf, ResponseOf } from '#shared/contract/api';
import { CODE, type ClientCode, type ErrorCode, type FieldIssue } from '#shared/contract/errors';
import type { Bilingual } from '#shared/contract/i18n';
import { pathFor, routeById, type DevPath, type PathOf, type RouteId } from '#shared/contract/routes';
import { apiBase } from './config.ts';
import { keepForOffline } from './offline/remember.ts';

/** An answer from the API other than 2xx, with the error body's code, message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's code, a failure the browser met on its own, or HTTP_<status> for an answer with no error body. */
    readonly code: ErrorCode | ClientCode | `HTTP_${number}`,
    readonly bilingual: Bilingual | undefined,
    readonly issues: readonly FieldIssue[] = [],
    readonly requestId?: string,
  ) {
    super(`${status} ${code}`);
  }
}

/** The server could not be reached at all (offline, DNS, timeout); the request may be retried as is. */
export class NetworkError extends Error {
  /** What failed on the way (a fetch, a chunk's import), as the failure of the connection it was. */
  static from(error: unknown): NetworkError {
    return new NetworkError(error instanceof Error ? error.message : String(error));
  }
}

type TokenSource = { token(): Promise<string | undefined>; refresh(): Promise<boolean> };
let tokens: TokenSource = { token: async () => undefined, refresh: async () => false };
export function useTokens(source: TokenSource): void {
  tokens = source;
}

interface SendOptions {
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly body?: unknown;
  readonly headers: Record<string, string>;
  readonly auth: boolean;
  readonly timeoutMs?: number;
  readonly cache?: RequestCache;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly data: T;
  readonly headers: Headers;
}

async function send(path: string, opts: SendOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.auth) {
    const token = await tokens.token();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), opts.timeoutMs ?? 45_000);
  try {
    const url = `${await apiBase()}${path}`;
    const res = await fetch(url, {
      method: opts.method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      signal: controller.signal,
      cache: opts.cache ?? 'no-store',
      credentials: 'omit',
    });
    keepForOffline(url, opts.method, headers.authorization, res);
    return res;
  } catch (error) {
    throw NetworkError.from(error);
  } finally {
    window.clearTimeout(timer);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: {
    error?: { code?: ErrorCode; message?: Bilingual; issues?: FieldIssue[] };
    requestId?: string;
  } = {};
  try {
    body = await res.json();
  } catch {
    // API Gateway and proxies may answer with no JSON at all; the status says enough.
  }
  const code = body.error?.code ?? (res.status === 401 ? CODE.UNAUTHORIZED : (`HTTP_${res.status}` as const));
  return new ApiError(res.status, code, body.error?.message, body.error?.issues ?? [], body.requestId);
}

async function exchange<T>(path: string, opts: SendOptions): Promise<ApiResponse<T>> {
  let res = await send(path, opts);
  if (res.status === 401 && opts.auth && (await tokens.refresh())) res = await send(path, opts);
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export interface CallOptions<Id extends RouteId> {
  readonly body?: BodyOf<Id>;
  readonly query?: Readonly<Record<string, string>>;
  /** A write's key, when a retry must reuse it; otherwise each call gets a fresh one. */
  readonly idempotencyKey?: string;
  readonly ifMatch?: string;
  /** Slow links get long timeouts; a stuck request still ends so autosave can retry. */
  readonly timeoutMs?: number;
  /** Only public, cacheable answers (the catalog) should use the HTTP cache; reports never do. */
  readonly cache?: RequestCache;
}

/** A route with path parameters must be given them; one without takes its options alone. */
type CallArgs<Id extends RouteId> = keyof PathOf<Id> extends never
  ? [opts?: CallOptions<Id>]
  : [opts: CallOptions<Id> & { readonly params: PathOf<Id> }];

/**
 * Calls a route of the route table by id: the path comes from its row, a signed-in route gets the token, and
 * a write gets an Idempotency-Key.
 */
export function call<Id extends RouteId>(
  id: Id,
  ...[opts]: CallArgs<Id>
): Promise<ApiResponse<ResponseOf<Id>>> {
  const route = routeById(id);
  const o = (opts ?? {}) as CallOptions<Id> & { readonly params?: PathOf<Id> };
  const auth = route.auth !== 'public';
  const headers: Record<string, string> = {};
  if (auth && route.method !== 'GET') headers['idempotency-key'] = o.idempotencyKey ?? newKey();
  if (o.ifMatch) headers['if-match'] = o.ifMatch;
  const search = o.query && Object.keys(o.query).length ? `?${new URLSearchParams(o.query)}` : '';
  return exchange(`${pathFor(id, o.params ?? ({} as PathOf<Id>))}${search}`, {
    method: route.method,
    body: o.body,
    headers,
    auth,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.cache !== undefined ? { cache: o.cache } : {}),
  });
}

export const get = async <Id extends RouteId>(id: Id, ...args: CallArgs<Id>): Promise<ResponseOf<Id>> =>
  (await call(id, ...args)).data;

/** The local stack's own /dev routes (sign-in without Cognito); never part of the deployed API. */
export function callLocal<T>(path: DevPath, body?: unknown): Promise<ApiResponse<T>> {
  return exchange(path, {
    method: body === undefined ? 'GET' : 'POST',
    body,
    headers: {},
    auth: false,
  });
}

export function newKey(): string {
  return crypto.randomUUID();
}
