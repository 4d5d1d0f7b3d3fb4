import type { MiddlewareObj } from '@middy/core';
import { createHash } from 'node:crypto';
import type { Route } from '../contract/routes.ts';
import { headerOf, type ApiContext } from './requestParts.ts';
import type { ApiEvent, ApiResponse } from './types.ts';

const digestOf = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/**
 * A validator for a JSON answer. Weak, because the same body goes out br- or gzip-coded or plain, and a
 * strong validator would have to differ per coding.
 */
export const weakEtagOf = (body: unknown): string => `W/"${digestOf(JSON.stringify(body))}"`;

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match under the weak comparison that RFC 9110 prescribes for it. */
export function noneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** A report's version tag (`"v3"`, what If-Match names) with a digest of the answer that showed it. */
const VERSION_TAG = /^"(v\d+)"$/;

/**
 * The route table's conditional GETs (`conditional: true`): the answer's ETag is a digest of the body as sent,
 * so a 304 is right whatever the body depends on (a report's "editable" moves with the clock and the period,
 * not with its version). A version tag the handler set is kept in front (`W/"v3-…"`), so If-Match still reads
 * it. A matching If-None-Match gets 304 with no body: a repeat visit on a slow link costs its headers only.
 * Placed after compression in the chain, so it sees the body before it is coded.
 */
export function conditionalGet(route: Route): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    after: async (request) => {
      const response = request.response;
      if (!route.conditional || !response || response.statusCode !== 200) return;
      if (typeof response.body !== 'string' || response.isBase64Encoded) return;
      const version = VERSION_TAG.exec(String(response.headers?.etag ?? ''))?.[1];
      const digest = digestOf(response.body);
      const etag = `W/"${version ? `${version}-${digest}` : digest}"`;
      const validators = {
        etag,
        'cache-control': String(response.headers?.['cache-control'] ?? 'no-store'),
        ...(route.auth === 'public' ? {} : { vary: 'authorization' }),
      };
      request.response = noneMatchHits(headerOf(request.event, 'if-none-match'), etag)
        ? { statusCode: 304, headers: validators, body: '' }
        : { ...response, headers: { ...response.headers, ...validators } };
    },
  };
}
