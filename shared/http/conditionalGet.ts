import { createHash } from 'node:crypto';
import type { ApiResult } from './types.ts';

/**
 * A validator for a constant JSON answer. Weak, because the same body goes out br- or gzip-coded or plain,
 * and a strong validator would have to differ per coding.
 */
export const weakEtagOf = (body: unknown): string =>
  `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match under the weak comparison that RFC 9110 prescribes for it. */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** The answer to a GET of a constant body: 304 with no body when the caller's copy is current. */
export function conditionalAnswer(
  headers: Readonly<Record<string, string>>,
  body: unknown,
  etag: string,
  cacheControl: string,
): ApiResult {
  const validators = { etag, 'cache-control': cacheControl };
  return noneMatchHits(headers['if-none-match'], etag)
    ? { status: 304, headers: validators }
    : { body, headers: validators };
}
