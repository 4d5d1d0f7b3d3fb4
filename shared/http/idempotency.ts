import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import { AppError, BadRequestError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import type { Route } from '../contract/routes.ts';
import { claimFor, findClaim, replay } from '../store/idempotency.ts';
import { headerOf, type ApiContext } from './requestParts.ts';
import { resultResponse } from './respond.ts';
import type { ApiEvent, ApiResponse } from './types.ts';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Every PUT and POST takes an Idempotency-Key. A retry whose first attempt committed gets the first result
 * back; the claim itself is written in the same transaction as the change (see commitClaimed).
 */
export function idempotency(route: Route): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    before: async (request) => {
      if (route.method === 'GET' || route.auth === 'public') return undefined;
      const key = headerOf(request.event, 'idempotency-key');
      if (key === undefined) return undefined;
      if (!KEY_PATTERN.test(key)) {
        throw new BadRequestError(
          bi(
            'Idempotency-Key phải dài 8–128 ký tự gồm chữ, số, . _ : -',
            'Idempotency-Key must be 8–128 characters of letters, digits, . _ : -',
          ),
          {
            issues: [
              {
                path: 'header.idempotency-key',
                code: 'invalid_format',
                message: bi('Sai định dạng', 'Invalid format'),
              },
            ],
          },
        );
      }
      const caller = request.context.caller;
      if (!caller) return undefined;
      const fingerprint = createHash('sha256')
        .update(`${route.id}\n${request.event.rawPath}\n${request.event.body ?? ''}`)
        .digest('base64url');
      const claim = claimFor(caller.sub, key, fingerprint);
      const found = await findClaim(claim);
      if (found) return resultResponse(replay(found, claim));
      request.context.claim = claim;
      return undefined;
    },
    onError: async (request) => {
      // A concurrent retry under the same key may have committed while this one ran into the changed state
      // (say, "already submitted"): the caller should get that first result, not this error.
      const claim = request.context.claim;
      if (!claim || !(request.error instanceof AppError) || request.error.status >= 500) return;
      const found = await findClaim(claim);
      if (!found) return;
      // Returning the response stops the onError chain, so the error mapper does not overwrite it.
      return resultResponse(replay(found, claim));
    },
  };
}
