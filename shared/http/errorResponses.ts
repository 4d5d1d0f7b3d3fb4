import type { MiddlewareObj } from '@middy/core';
import { AppError, ServiceUnavailableError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import { logger } from './logger.ts';
import { jsonResponse } from './respond.ts';
import type { ApiContext } from './requestParts.ts';
import type { ApiEvent, ApiResponse } from './types.ts';

const TRANSIENT = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionInProgressException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalServerError',
  'TimeoutError',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** Errors from storage that a client should simply retry; they are 503, not 500. */
export function asTransient(error: unknown): ServiceUnavailableError | undefined {
  const e = error as { name?: string; code?: string; $retryable?: unknown };
  if ((e.name && TRANSIENT.has(e.name)) || (e.code && UNREACHABLE.has(e.code)) || e.$retryable) {
    return new ServiceUnavailableError(
      bi('Hệ thống đang bận, vui lòng thử lại sau giây lát.', 'The service is busy; please retry shortly.'),
      { cause: error, headers: { 'retry-after': '1' } },
    );
  }
  return undefined;
}

/** The one place where errors become HTTP responses. Registered first, so its onError runs last. */
export function errorResponses(): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    onError: async (request) => {
      const requestId = request.context.awsRequestId;
      const known = request.error instanceof AppError ? request.error : asTransient(request.error);
      if (known) {
        if (known.status >= 500) logger.warn('transient failure', { error: request.error as Error });
        request.response = jsonResponse(
          known.status,
          {
            error: {
              code: known.code,
              message: known.bilingual,
              ...(known.issues.length ? { issues: known.issues } : {}),
            },
            requestId,
          },
          known.headers,
        );
        return;
      }
      logger.error('unhandled error', { error: request.error as Error });
      request.response = jsonResponse(500, {
        error: {
          code: 'INTERNAL',
          message: bi(
            'Đã xảy ra lỗi hệ thống. Dữ liệu chưa được ghi.',
            'Internal error. Nothing was written.',
          ),
        },
        requestId,
      });
    },
  };
}
