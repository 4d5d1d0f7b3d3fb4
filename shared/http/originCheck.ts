import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import { requireEnv } from '../config.ts';
import { ForbiddenError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import type { ApiContext } from './requestParts.ts';
import type { ApiEvent, ApiResponse } from './types.ts';
import { CODE } from '../contract/errors.ts';

/**
 * The API is meant to be reached through the site's CloudFront distribution only, where the web ACL and the
 * per-IP rate rule apply. CloudFront adds this header, with a secret from Secrets Manager, to every request it
 * sends to the API origin; a request that arrives at the execute-api URL directly does not carry it and is
 * refused before any handler code or storage call runs. Locally the adapter stands in for CloudFront with a
 * secret of its own run.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
export const ORIGIN_VERIFY_ENV = 'ORIGIN_VERIFY_SECRET';

function matches(expected: Buffer, value: string | undefined): boolean {
  if (value === undefined) return false;
  const got = Buffer.from(value, 'utf8');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** Built when a handler module loads, so a function without the secret fails at cold start. */
export function originCheck(): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  const expected = Buffer.from(requireEnv(ORIGIN_VERIFY_ENV), 'utf8');
  return {
    before: async (request) => {
      const headers = request.event.headers ?? {};
      const key = Object.keys(headers).find((k) => k.toLowerCase() === ORIGIN_VERIFY_HEADER);
      if (!matches(expected, key === undefined ? undefined : headers[key])) {
        throw new ForbiddenError(
          bi(
            'Chỉ truy cập API qua địa chỉ của trang web.',
            "The API is reached through the site's address only.",
          ),
          { code: CODE.NOT_THROUGH_SITE },
        );
      }
    },
  };
}
