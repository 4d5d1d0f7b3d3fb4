import type { ApiResponse, ApiResult } from './types.ts';

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): ApiResponse {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** A handler's result on the wire; an outcome replayed under an Idempotency-Key says so in a header. */
export const resultResponse = (result: ApiResult): ApiResponse =>
  jsonResponse(result.status ?? 200, result.body, {
    ...result.headers,
    ...(result.replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
