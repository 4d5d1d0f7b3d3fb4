import type { MiddlewareObj } from '@middy/core';
import { identityFromClaims, type Identity } from '../auth.ts';
import {
  BadRequestError,
  ForbiddenError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import type { Route } from '../contract/routes.ts';
import type { IdempotencyClaim } from '../store/idempotency.ts';
import type { Context } from 'aws-lambda';
import type { ApiEvent, ApiResponse } from './types.ts';

export const MAX_BODY_BYTES = 256 * 1024;

/** What the middlewares learn about a request, carried on the Lambda context as middy middlewares do. */
export interface ApiContext extends Context {
  caller?: Identity;
  body?: unknown;
  claim?: IdempotencyClaim;
}

/** Reads the caller from the authorizer's claims alone and checks the route table's roles. */
export function authorize(route: Route): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    before: async (request) => {
      if (route.auth === 'public') return;
      const identity = identityFromClaims(request.event.requestContext.authorizer?.jwt?.claims);
      if (!identity) {
        throw new UnauthorizedError(
          bi(
            'Chưa đăng nhập hoặc phiên đăng nhập không hợp lệ.',
            'Not signed in, or the sign-in is not valid.',
          ),
        );
      }
      if (!route.auth.includes(identity.role)) {
        throw new ForbiddenError(
          bi(
            `Vai trò "${identity.role}" không được phép thực hiện thao tác này.`,
            `The role "${identity.role}" may not do this.`,
          ),
        );
      }
      request.context.caller = identity;
    },
  };
}

function rawBody(event: ApiEvent): Buffer | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** Bodies are JSON, at most 256 KB; anything else is refused before a handler sees it. */
export function jsonBody(): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    before: async (request) => {
      const bytes = rawBody(request.event);
      if (!bytes) return;
      if (bytes.length > MAX_BODY_BYTES) {
        throw new PayloadTooLargeError(
          bi(
            `Nội dung gửi lên vượt quá ${MAX_BODY_BYTES / 1024} KB.`,
            `The request body is over ${MAX_BODY_BYTES / 1024} KB.`,
          ),
        );
      }
      const contentType = headerOf(request.event, 'content-type') ?? '';
      if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
        throw new UnsupportedMediaTypeError(
          bi(
            'Nội dung phải là JSON (Content-Type: application/json).',
            'The body must be JSON (application/json).',
          ),
        );
      }
      try {
        request.context.body = JSON.parse(bytes.toString('utf8'));
      } catch (cause) {
        throw new BadRequestError(bi('Nội dung JSON không hợp lệ.', 'The body is not valid JSON.'), {
          cause,
          issues: [{ path: '', code: 'invalid_json', message: bi('JSON sai cú pháp', 'Malformed JSON') }],
        });
      }
    },
  };
}

export function headerOf(event: ApiEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
