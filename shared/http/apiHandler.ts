import middy from '@middy/core';
import { routeById, type PathOf, type RouteId } from '../contract/routes.ts';
import { pathParams } from '../api/params.ts';
import { compressResponse } from './compress.ts';
import { conditionalGet } from './conditionalGet.ts';
import { agencyUnit } from './agencyUnit.ts';
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

/**
 * Routes whose one write is a report command (store/reportCommands.ts changeReport): its transaction carries
 * the idempotency claim as a condition and replays the first outcome when the claim is taken, so the claim is
 * not read before the handler. Every other writing route reads it first: some do work besides their claimed
 * commit (startRollup starts a job, putUnits writes outside the transaction) that a replay must not repeat.
 */
const CLAIM_CHECKED_BY_COMMIT: ReadonlySet<RouteId> = new Set<RouteId>([
  'saveMyReport',
  'submitMyReport',
  'putVerification',
  'acceptReport',
  'returnReport',
]);

/** A request with its path parameters parsed as the route's row declares them. */
export type RouteRequest<Id extends RouteId, R = AuthedRequest> = R & { readonly path: PathOf<Id> };

function build<Id extends RouteId>(routeId: Id, fn: (req: RouteRequest<Id>) => Promise<ApiResult>) {
  const route = routeById(routeId);
  const wrapped = middy<ApiEvent, ApiResponse, Error, ApiContext>()
    // First, so that its `after` runs last, on the answer as it goes out.
    .use(compressResponse())
    .use(conditionalGet(route))
    .use(errorResponses())
    .use(originCheck())
    .use(authorize(route))
    .use(jsonBody())
    .use(idempotency(route, CLAIM_CHECKED_BY_COMMIT.has(routeId) ? 'onConflict' : 'first'))
    .use(agencyUnit());
  return wrapped.handler(async (event, context) => {
    const req = toRequest(event, context);
    const path = pathParams(route, req.params) as PathOf<Id>;
    return resultResponse(await fn({ ...req, path }));
  });
}

/** A route that needs a signed-in caller with one of the route table's roles. */
export function apiHandler<Id extends RouteId>(
  routeId: Id,
  fn: (req: RouteRequest<Id>) => Promise<ApiResult>,
) {
  if (routeById(routeId).auth === 'public') throw new Error(`${routeId} is public; use publicHandler`);
  return build(routeId, fn);
}

/** A public route: no identity is read. */
export function publicHandler<Id extends RouteId>(
  routeId: Id,
  fn: (req: RouteRequest<Id, PublicRequest>) => Promise<ApiResult>,
) {
  if (routeById(routeId).auth !== 'public') throw new Error(`${routeId} is not public; use apiHandler`);
  return build(routeId, fn);
}
