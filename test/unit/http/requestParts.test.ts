import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES } from '#shared/http/requestParts';
import { keys } from '#shared/model';
import {
  ADMIN,
  AGENCY,
  AUDITOR,
  call,
  expectError,
  TEST_ENV,
  UNIT,
  type CallOptions,
  type Handler,
  openPeriodItem,
} from './apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const ddb = mockClient(DynamoDBDocumentClient);
const save = ((await import('../../../functions/saveMyReport.ts')) as { handler: Handler }).handler;
const getMine = ((await import('../../../functions/getMyReport.ts')) as { handler: Handler }).handler;

/** A period open from 2000 to 2100, so that the tests do not depend on today's date. */
const JSON_HEADERS = { 'content-type': 'application/json' };
const put = (opts: Partial<CallOptions>) =>
  call(save, 'saveMyReport', { path: '/reports/2025', claims: AGENCY, headers: JSON_HEADERS, ...opts });
const valid = JSON.stringify({ values: { staff_total: 40 } });

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: keys.period(2025) }).resolves({ Item: openPeriodItem(2025) });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('a sound request', () => {
  it('saves the draft: 200, version 1, one transaction', async () => {
    const reply = await put({ body: valid });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      unitId: UNIT,
      status: 'draft',
      version: 1,
      values: { staff_total: 40 },
    });
    expect(reply.headers.etag).toBe('"v1"');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('takes the unit from the token, never from the body', async () => {
    const reply = await put({ body: JSON.stringify({ values: { staff_total: 1 }, unitId: 'dn-other' }) });
    expectError(reply, 400, 'VALIDATION_FAILED');
    expect(reply.body.error.issues).toContainEqual(
      expect.objectContaining({ path: 'unitId', code: 'not_allowed' }),
    );
  });
});

describe('who may call', () => {
  it.each<[string, CallOptions['claims']]>([
    ['no authorizer context', null],
    ['empty claims', {}],
    ['no sub', { 'cognito:groups': '[agency]', 'custom:unitId': UNIT }],
    ['an agency user without a unit', { sub: 'x', 'cognito:groups': '[agency]' }],
    ['no known group', { sub: 'x', 'cognito:groups': '[everyone]' }],
  ])('401 for %s', async (_name, claims) => {
    expectError(await put({ body: valid, claims }), 401, 'UNAUTHORIZED');
    expectError(await call(getMine, 'getMyReport', { path: '/reports/2025', claims }), 401, 'UNAUTHORIZED');
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    ['an auditor', AUDITOR],
    ['an admin', ADMIN],
  ])('403 for %s on an agency route, before anything is read', async (_name, claims) => {
    const reply = await call(getMine, 'getMyReport', { path: '/reports/2025', claims });
    expectError(reply, 403, 'FORBIDDEN');
    expectError(await put({ body: valid, claims }), 403, 'FORBIDDEN');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('401 comes before a body problem', async () => {
    expectError(await put({ body: 'x'.repeat(MAX_BODY_BYTES + 1), claims: null }), 401, 'UNAUTHORIZED');
  });
});

describe('request bodies', () => {
  const padded = (bytes: number) => {
    const base = JSON.stringify({ values: { staff_total: 40 }, pad: '' });
    return base.replace('"pad":""', `"pad":"${'x'.repeat(bytes - base.length)}"`);
  };

  it('413 for a body over 256 KB, before anything is read', async () => {
    const body = padded(MAX_BODY_BYTES + 1);
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES + 1);
    expectError(await put({ body }), 413, 'PAYLOAD_TOO_LARGE');
    expect(ddb.calls()).toHaveLength(0);
  });

  it('counts bytes, not characters', async () => {
    // 'ệ' is 3 bytes in UTF-8: 90 000 characters are 270 000 bytes.
    const body = JSON.stringify({ values: { note: 'ệ'.repeat(90_000) } });
    expect(body.length).toBeLessThan(MAX_BODY_BYTES);
    expectError(await put({ body }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('measures a base64-encoded body after decoding', async () => {
    const body = padded(MAX_BODY_BYTES + 1);
    expectError(
      await put({ body: Buffer.from(body).toString('base64'), isBase64Encoded: true }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const small = Buffer.from(valid).toString('base64');
    expect((await put({ body: small, isBase64Encoded: true })).status).toBe(200);
  });

  it('a body of exactly 256 KB is read (and then judged on its content, not its size)', async () => {
    const reply = await put({ body: padded(MAX_BODY_BYTES) });
    expectError(reply, 400, 'VALIDATION_FAILED');
    expect(reply.body.error.issues).toContainEqual(
      expect.objectContaining({ path: 'pad', code: 'unknown_field' }),
    );
  });

  it.each<[string, Record<string, string>]>([
    ['no content type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['application/jsonp', { 'content-type': 'application/jsonp' }],
    ['json as a parameter only', { 'content-type': 'text/html; x=application/json' }],
  ])('415 for %s', async (_name, headers) => {
    expectError(await put({ body: valid, headers }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;charset=UTF-8',
    'application/merge-patch+json',
  ])('accepts %s', async (contentType) => {
    expect((await put({ body: valid, headers: { 'Content-Type': contentType } })).status).toBe(200);
  });

  it.each(['{', '{"values": {}', "{'values': {}}", 'undefined', '{"values": {"a": 1,}}'])(
    '400 invalid_json for %j',
    async (body) => {
      const reply = await put({ body });
      expectError(reply, 400, 'BAD_REQUEST');
      expect(reply.body.error.issues).toEqual([expect.objectContaining({ path: '', code: 'invalid_json' })]);
      expect(ddb.calls()).toHaveLength(0);
    },
  );

  it.each<[string, string, string, string]>([
    ['a body that is not an object', '[1, 2]', '', 'invalid_type'],
    ['values of the wrong type', '{"values": 5}', 'values', 'invalid_type'],
    ['an unknown field', '{"values": {"no_such_field": 1}}', 'values.no_such_field', 'unknown_field'],
    ['a field out of bounds', '{"values": {"staff_total": -1}}', 'values.staff_total', 'too_small'],
  ])('400 with issues for %s (a schema failure, never a 500)', async (_name, body, path, code) => {
    const reply = await put({ body });
    expectError(reply, 400, 'VALIDATION_FAILED');
    expect(reply.body.error.issues).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('400 when the body is missing', async () => {
    const reply = await put({});
    expectError(reply, 400, 'VALIDATION_FAILED');
    expect(reply.body.error.issues).toEqual([expect.objectContaining({ path: '', code: 'required' })]);
  });
});
