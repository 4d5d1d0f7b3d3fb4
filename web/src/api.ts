import type { Bilingual } from '#shared/contract/i18n';
import { apiBase } from './config.ts';

export interface ApiIssue {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

/** An answer from the API other than 2xx, with the error body's code, message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly bilingual: Bilingual | undefined,
    readonly issues: readonly ApiIssue[] = [],
    readonly requestId?: string,
  ) {
    super(`${status} ${code}`);
  }
}

/** The server could not be reached at all (offline, DNS, timeout); the request may be retried as is. */
export class NetworkError extends Error {}

type TokenSource = { token(): Promise<string | undefined>; refresh(): Promise<boolean> };
let tokens: TokenSource = { token: async () => undefined, refresh: async () => false };
export function useTokens(source: TokenSource): void {
  tokens = source;
}

export interface CallOptions {
  readonly method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Slow links get long timeouts; a stuck request still ends so autosave can retry. */
  readonly timeoutMs?: number;
  readonly auth?: boolean;
  /** Only public, cacheable answers (the catalog) should use the HTTP cache; reports never do. */
  readonly cache?: RequestCache;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly data: T;
  readonly headers: Headers;
}

async function send(path: string, opts: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.auth !== false) {
    const token = await tokens.token();
    if (token) headers.authorization = `Bearer ${token}`;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), opts.timeoutMs ?? 45_000);
  try {
    return await fetch(`${await apiBase()}${path}`, {
      method: opts.method ?? 'GET',
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      signal: controller.signal,
      cache: opts.cache ?? 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  } finally {
    window.clearTimeout(timer);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: {
    error?: { code?: string; message?: Bilingual; issues?: ApiIssue[] };
    requestId?: string;
    message?: string;
  } = {};
  try {
    body = await res.json();
  } catch {
    // API Gateway and proxies may answer with no JSON at all; the status says enough.
  }
  const code = body.error?.code ?? (res.status === 401 ? 'UNAUTHORIZED' : `HTTP_${res.status}`);
  return new ApiError(res.status, code, body.error?.message, body.error?.issues ?? [], body.requestId);
}

export async function call<T>(path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
  let res = await send(path, opts);
  if (res.status === 401 && opts.auth !== false && (await tokens.refresh())) res = await send(path, opts);
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

export const get = async <T>(path: string): Promise<T> => (await call<T>(path)).data;

export function newKey(): string {
  return crypto.randomUUID();
}
