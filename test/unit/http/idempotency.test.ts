import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyReport } from '#shared/domain/report';
import { entities, keys } from '#shared/model';
import {
  AGENCY,
  call,
  expectError,
  TEST_ENV,
  type CallOptions,
  type Handler,
  openPeriodItem,
} from './apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const ddb = mockClient(DynamoDBDocumentClient);
const save = ((await import('../../../functions/saveMyReport.ts')) as { handler: Handler }).handler;
const getMine = ((await import('../../../functions/getMyReport.ts')) as { handler: Handler }).handler;

const KEY = 'save-2025-0001';
const CLAIM_KEY = keys.idempotency(AGENCY.sub as string, KEY);
const put = (body: object, headers: Record<string, string> = { 'idempotency-key': KEY }) =>
  call(save, 'saveMyReport', {
    path: '/reports/2025',
    claims: AGENCY,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  } satisfies CallOptions);

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: keys.period(2025) }).resolves({ Item: openPeriodItem(2025) });
  ddb.on(TransactWriteCommand).resolves({});
});

/** Runs one request under KEY and returns the claim item it committed with its change. */
async function firstAttempt(body: object) {
  const reply = await put(body);
  expect(reply.status).toBe(200);
  const writes = ddb.commandCalls(TransactWriteCommand);
  expect(writes).toHaveLength(1);
  const items = writes[0]!.args[0].input.TransactItems ?? [];
  const claim = items.map((i) => i.Put?.Item).find((item) => item?.pk === CLAIM_KEY.pk);
  expect(claim).toBeDefined();
  return { reply, claim: claim as Record<string, unknown> };
}

describe('idempotency middleware', () => {
  it('the first request commits its claim in the same transaction as the change', async () => {
    const { claim } = await firstAttempt({ values: { staff_total: 40 } });
    expect(claim).toMatchObject({ ...CLAIM_KEY, result: { status: 200 } });
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems ?? [];
    expect(items.map((i) => i.Put?.Item?.entity)).toEqual(['report', 'revision', 'idempotency']);
  });

  it('a retry with the same key and the same request replays the stored result, writing nothing', async () => {
    const body = { values: { staff_total: 40 } };
    const { reply: first, claim } = await firstAttempt(body);
    ddb.resetHistory();
    ddb.on(GetCommand, { Key: CLAIM_KEY }).resolves({ Item: claim });
    const again = await put(body);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('the same key with a different request is 422 IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    const { claim } = await firstAttempt({ values: { staff_total: 40 } });
    ddb.resetHistory();
    ddb.on(GetCommand, { Key: CLAIM_KEY }).resolves({ Item: claim });
    const reply = await put({ values: { staff_total: 41 } });
    expectError(reply, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('a retry that fails because its twin committed meanwhile gets the first result, not the error', async () => {
    const body = { values: { staff_total: 40 } };
    const { reply: first, claim } = await firstAttempt(body);
    ddb.reset();
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: keys.period(2025) }).resolves({ Item: openPeriodItem(2025) });
    // Not committed when this request starts; committed (and the report submitted) by the time it fails.
    ddb.on(GetCommand, { Key: CLAIM_KEY }).resolvesOnce({}).resolves({ Item: claim });
    ddb.on(GetCommand, { Key: keys.report(2025, AGENCY['custom:unitId'] as string) }).resolves({
      Item: entities.report.encode({
        ...emptyReport(2025, AGENCY['custom:unitId'] as string),
        status: 'submitted',
        version: 2,
      }),
    });
    const again = await put(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });

  it('the same key for another path (another year) is also a reuse', async () => {
    const { claim } = await firstAttempt({ values: { staff_total: 40 } });
    ddb.on(GetCommand, { Key: CLAIM_KEY }).resolves({ Item: claim });
    ddb.on(GetCommand, { Key: keys.period(2024) }).resolves({ Item: openPeriodItem(2024) });
    const reply = await call(save, 'saveMyReport', {
      path: '/reports/2024',
      claims: AGENCY,
      headers: { 'content-type': 'application/json', 'idempotency-key': KEY },
      body: JSON.stringify({ values: { staff_total: 40 } }),
    });
    expectError(reply, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('keys are per caller: another user with the same key is not a replay', async () => {
    await firstAttempt({ values: { staff_total: 40 } });
    const other = { ...AGENCY, sub: 'another-agency-user' };
    const reply = await call(save, 'saveMyReport', {
      path: '/reports/2025',
      claims: other,
      headers: { 'content-type': 'application/json', 'idempotency-key': KEY },
      body: JSON.stringify({ values: { staff_total: 40 } }),
    });
    expect(reply.headers['idempotent-replayed']).toBeUndefined();
    const looked = ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key);
    expect(looked).toContainEqual(keys.idempotency('another-agency-user', KEY));
  });

  it.each(['short', 'has space in it', 'ký-tự-việt', 'a/b/c/d/e/f', 'x'.repeat(129), ''])(
    'a malformed Idempotency-Key %j is 400, before anything is read',
    async (key) => {
      const reply = await put({ values: { staff_total: 40 } }, { 'idempotency-key': key });
      expectError(reply, 400, 'BAD_REQUEST');
      expect(reply.body.error.issues).toEqual([expect.objectContaining({ path: 'header.idempotency-key' })]);
      expect(ddb.calls()).toHaveLength(0);
    },
  );

  it.each(['abcdefgh', 'x'.repeat(128), 'a.b_c:d-e', '0123456789ABCDEF'])(
    'accepts the key %j',
    async (key) => {
      const reply = await put({ values: { staff_total: 40 } }, { 'Idempotency-Key': key });
      expect(reply.status).toBe(200);
    },
  );

  it('without a key a write goes ahead with no claim', async () => {
    const reply = await put({ values: { staff_total: 40 } }, {});
    expect(reply.status).toBe(200);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems ?? [];
    expect(items.map((i) => i.Put?.Item?.entity)).toEqual(['report', 'revision']);
  });

  it('GET routes ignore the header: no claim is looked up, and a malformed key is no error', async () => {
    const reply = await call(getMine, 'getMyReport', {
      path: '/reports/2025',
      claims: AGENCY,
      headers: { 'idempotency-key': 'bad key' },
    });
    expect(reply.status).toBe(200);
    const looked = ddb.commandCalls(GetCommand).map((c) => String(c.args[0].input.Key?.pk));
    expect(looked.filter((pk) => pk.startsWith('IDEM#'))).toEqual([]);
  });
});
