import { expect } from 'vitest';
import type { Context } from 'aws-lambda';
import type { ApiEvent, ApiResponse } from '#shared/http/types';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '#shared/http/originCheck';
import { matchPath, routeById, type RouteId } from '#shared/contract/routes';
import { entities, keys } from '#shared/model';

/** The variables every store module reads at cold start; set them before importing a handler. */
export const TEST_ENV = {
  TABLE_NAME: 'bao-cao-unit-test',
  EVIDENCE_BUCKET: 'bao-cao-unit-evidence',
  REPORTS_BUCKET: 'bao-cao-unit-reports',
  ANCHORS_BUCKET: 'bao-cao-unit-anchors',
  AUDIT_LOCAL_MAC_KEY: 'unit-test-audit-mac-key',
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'unit-test',
  AWS_SECRET_ACCESS_KEY: 'unit-test',
  [ORIGIN_VERIFY_ENV]: 'unit-test-origin-secret',
} as const;

export type Claims = Record<string, string | number | boolean | string[]>;

/** A period item as the store writes it, open from 2000 to 2100. */
export const openPeriodItem = (year: number) =>
  entities.period.encode({
    year,
    opensAt: '2000-01-01T00:00:00Z',
    deadline: '2100-01-01T00:00:00Z',
    lockExceptions: [],
    updatedBy: 'admin-user',
    updatedAt: '2000-01-01T00:00:00Z',
  });

export const UNIT = 'hn-so-tttt';
export const AGENCY: Claims = { sub: 'agency-user', 'cognito:groups': '[agency]', 'custom:unitId': UNIT };
/** The agency's unit as stored: every agency request looks it up first (shared/http/agencyUnit.ts). */
export const AGENCY_UNIT = {
  key: keys.unit(UNIT),
  item: entities.unit.encode({
    id: UNIT,
    code: 'STTTT',
    name: { vi: 'Sở TT&TT', en: 'Department of Information and Communications' },
    level: 'province',
    reports: true,
    validFrom: '2000-01-01',
  }),
};
export const AUDITOR: Claims = { sub: 'auditor-user', 'cognito:groups': '[auditor]' };
export const ADMIN: Claims = { sub: 'admin-user', 'cognito:groups': '[admin]' };

export interface CallOptions {
  /** The concrete path, e.g. /reports/2025; matched against the route's template for pathParameters. */
  readonly path: string;
  /** JWT claims as API Gateway's authorizer passes them; `null` for a request with no authorizer context. */
  readonly claims?: Claims | null;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly query?: Record<string, string>;
}

/** An API Gateway HTTP API (payload 2.0) event for a row of the route table, built the way API Gateway does. */
export function apiEvent(routeId: RouteId, opts: CallOptions): ApiEvent {
  const route = routeById(routeId);
  const params = matchPath(route.path, opts.path);
  if (!params) throw new Error(`${opts.path} does not match ${route.path}`);
  const routeKey = `${route.method} ${route.path}`;
  const now = new Date();
  const requestContext = {
    accountId: '123456789012',
    apiId: 'unit',
    domainName: 'api.example.gov.vn',
    domainPrefix: 'api',
    http: {
      method: route.method,
      path: opts.path,
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.7',
      userAgent: 'vitest',
    },
    requestId: 'gw-request-1',
    routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
    ...(opts.claims === null
      ? {}
      : {
          authorizer: {
            principalId: '',
            integrationLatency: 0,
            jwt: { claims: opts.claims ?? {}, scopes: null },
          },
        }),
  };
  return {
    version: '2.0',
    routeKey,
    rawPath: opts.path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    // CloudFront adds the origin secret to every request it forwards (shared/http/originCheck.ts).
    headers: {
      host: 'api.example.gov.vn',
      [ORIGIN_VERIFY_HEADER]: TEST_ENV[ORIGIN_VERIFY_ENV],
      ...opts.headers,
    },
    ...(opts.query ? { queryStringParameters: opts.query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: requestContext as ApiEvent['requestContext'],
    isBase64Encoded: opts.isBase64Encoded ?? false,
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  };
}

let invocation = 0;

export function lambdaContext(name = 'unit'): Context {
  invocation += 1;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:ap-southeast-1:123456789012:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: `lambda-request-${invocation}`,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'unit',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type Handler = (event: ApiEvent, context: Context) => Promise<ApiResponse>;

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed JSON body, inspected by tests
  readonly body: any;
  readonly requestId: string;
}

/** Invokes a real handler module with a hand-built event; the response body is parsed when it is JSON. */
export async function call(handler: Handler, routeId: RouteId, opts: CallOptions): Promise<Reply> {
  const context = lambdaContext(routeId);
  const res = await handler(apiEvent(routeId, opts), context);
  const text = typeof res.body === 'string' ? res.body : '';
  return {
    status: res.statusCode ?? 200,
    headers: Object.fromEntries(
      Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    ),
    text,
    body: text ? JSON.parse(text) : undefined,
    requestId: context.awsRequestId,
  };
}

/** `{ error: { code, message: { vi, en }, issues? }, requestId }` and nothing else, with the status and code. */
export function expectError(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(reply.body).sort()).toEqual(['error', 'requestId']);
  expect(reply.body.requestId).toBe(reply.requestId);
  const { error } = reply.body;
  for (const key of Object.keys(error)) expect(['code', 'message', 'issues']).toContain(key);
  expect(Object.keys(error.message).sort()).toEqual(['en', 'vi']);
  expect(typeof error.message.vi).toBe('string');
  expect(error.message.vi.trim()).not.toBe('');
  expect(error.message.en.trim()).not.toBe('');
  expect(error.message.vi).not.toBe(error.message.en);
  if ('issues' in error) {
    expect(Array.isArray(error.issues) && error.issues.length > 0).toBe(true);
    for (const issue of error.issues) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.code).toBe('string');
      expect(Object.keys(issue.message).sort()).toEqual(['en', 'vi']);
    }
  }
  expect(reply.headers['content-type']).toMatch(/^application\/json/);
}
