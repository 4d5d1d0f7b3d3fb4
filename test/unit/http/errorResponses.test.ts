import { ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { asTransient } from '#shared/http/errorResponses';
import { keys } from '#shared/model';
import { AGENCY, AGENCY_UNIT, call, expectError, type Handler, TEST_ENV, UNIT } from './apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const ddb = mockClient(DynamoDBDocumentClient);
const { handler } = (await import('../../../functions/getMyReport.ts')) as { handler: Handler };

const getMine = (path = '/reports/2025') => call(handler, 'getMyReport', { path, claims: AGENCY });

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: AGENCY_UNIT.key }).resolves({ Item: AGENCY_UNIT.item });
});

describe('a handler that reads, with no failure', () => {
  it('answers 200 with the empty report (the mock is wired to the real client)', async () => {
    const reply = await getMine();
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ year: 2025, unitId: UNIT, status: 'not_started', version: 0 });
    expect(reply.headers.etag).toMatch(/^W\/"v0-[\w-]+"$/);
    const keysRead = ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key);
    expect(keysRead).toContainEqual(keys.report(2025, UNIT));
    expect(keysRead).toContainEqual(keys.period(2025));
  });
});

describe('storage that is busy is 503 with retry-after, never 500', () => {
  const transient: Array<[string, () => Error]> = [
    ['ThrottlingException', () => new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })],
    [
      'ProvisionedThroughputExceededException',
      () => new ProvisionedThroughputExceededException({ message: 'Throughput exceeded', $metadata: {} }),
    ],
    [
      'a refused connection',
      () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['an error the SDK marks retryable', () => Object.assign(new Error('x'), { $retryable: {} })],
  ];

  it.each(transient)('%s', async (_name, makeError) => {
    ddb.on(GetCommand, { Key: keys.report(2025, UNIT) }).rejects(makeError());
    const reply = await getMine();
    expectError(reply, 503, 'SERVICE_UNAVAILABLE');
    expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
    expect(reply.body.error.issues).toBeUndefined();
  });

  it('asTransient leaves ordinary errors alone', () => {
    expect(asTransient(new Error('boom'))).toBeUndefined();
    expect(asTransient(Object.assign(new Error('x'), { name: 'ValidationException' }))).toBeUndefined();
    expect(asTransient(new ThrottlingException({ message: 'x', $metadata: {} }))?.status).toBe(503);
  });
});

describe('an unexpected error', () => {
  it('is 500 INTERNAL with no message, stack or cause of the error in the body', async () => {
    const secret = 'Requested resource not found: Table: arn:aws:dynamodb:secret-table';
    ddb.on(GetCommand, { Key: keys.report(2025, UNIT) }).rejects(new TypeError(secret));
    const reply = await getMine();
    expectError(reply, 500, 'INTERNAL');
    expect(reply.body.error).not.toHaveProperty('issues');
    expect(reply.text).not.toContain('secret-table');
    expect(reply.text).not.toContain('TypeError');
    expect(reply.text).not.toMatch(/stack|\bat .*\.ts:\d+/);
    expect(reply.headers['retry-after']).toBeUndefined();
  });

  it('a thrown non-Error is 500 too', async () => {
    ddb.on(GetCommand, { Key: keys.report(2025, UNIT) }).callsFake(() => {
      throw 'a string, not an Error';
    });
    expectError(await getMine(), 500, 'INTERNAL');
  });
});

describe('bad input is a 4xx with issues, never a ZodError 500', () => {
  it('a year that is not a number', async () => {
    const reply = await getMine('/reports/abc');
    expectError(reply, 400, 'VALIDATION_FAILED');
    expect(reply.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['year']);
  });

  it('a year with no catalog is 404 NO_REPORTING_PERIOD', async () => {
    expectError(await getMine('/reports/2099'), 404, 'NO_REPORTING_PERIOD');
  });

  it('property: any year segment gives 200, 400 or 404, and every error has the common shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.integer().map(String)), async (segment) => {
        fc.pre(!segment.includes('/'));
        const reply = await getMine(`/reports/${encodeURIComponent(segment)}`);
        expect([200, 400, 404]).toContain(reply.status);
        if (reply.status !== 200) expectError(reply, reply.status, reply.body.error.code);
      }),
      { numRuns: 60 },
    );
  });
});
