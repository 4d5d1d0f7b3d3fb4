import middy from '@middy/core';
import { routeById, type RouteId } from '../contract/routes.ts';
import { errorResponses } from './errorResponses.ts';
import { idempotency } from './idempotency.ts';
import { originCheck } from './originCheck.ts';
import { authorize, jsonBody, type ApiContext } from './requestParts.ts';
import { resultResponse } from './respond.ts';
import type { ApiEvent, ApiResponse, ApiResult, AuthedRequest, PublicRequest } from './types.ts';

function lowerCaseHeaders(event: ApiEvent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function definedOnly(rec: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function toRequest(event: ApiEvent, context: ApiContext): AuthedRequest {
  const headers = lowerCaseHeaders(event);
  return {
    identity: context.caller as AuthedRequest['identity'],
    params: definedOnly(event.pathParameters),
    query: definedOnly(event.queryStringParameters),
    headers,
    body: context.body,
    claim: context.claim,
    requestId: context.awsRequestId,
    sourceIp: event.requestContext.http.sourceIp,
    ...(headers['x-forwarded-for'] ? { forwardedFor: headers['x-forwarded-for'] } : {}),
    receivedAt: new Date(),
  };
}

function build(routeId: RouteId, fn: (req: AuthedRequest) => Promise<ApiResult>) {
  const route = routeById(routeId);
  const wrapped = middy<ApiEvent, ApiResponse, Error, ApiContext>()
    .use(errorResponses())
    .use(originCheck())
    .use(authorize(route))
    .use(jsonBody())
    .use(idempotency(route));
  return wrapped.handler(async (event, context) => resultResponse(await fn(toRequest(event, context))));
}

/** A route that needs a signed-in caller with one of the route table's roles. */
export function apiHandler(routeId: RouteId, fn: (req: AuthedRequest) => Promise<ApiResult>) {
  if (routeById(routeId).auth === 'public') throw new Error(`${routeId} is public; use publicHandler`);
  return build(routeId, fn);
}

/** A public route: no identity is read. */
export function publicHandler(routeId: RouteId, fn: (req: PublicRequest) => Promise<ApiResult>) {
  if (routeById(routeId).auth !== 'public') throw new Error(`${routeId} is not public; use apiHandler`);
  return build(routeId, fn);
}
