import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyReport } from '#shared/domain/report';
import { entities, keys } from '#shared/model';
import {
  ADMIN,
  AGENCY,
  call,
  expectError,
  TEST_ENV,
  type CallOptions,
  type Handler,
  openPeriodItem,
  AGENCY_UNIT,
} from './apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const ddb = mockClient(DynamoDBDocumentClient);
const save = ((await import('../../../functions/saveMyReport.ts')) as { handler: Handler }).handler;
const getMine = ((await import('../../../functions/getMyReport.ts')) as { handler: Handler }).handler;
const putPeriod = ((await import('../../../functions/putPeriod.ts')) as { handler: Handler }).handler;

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
  ddb.on(GetCommand, { Key: AGENCY_UNIT.key }).resolves({ Item: AGENCY_UNIT.item });
  ddb.on(GetCommand, { Key: keys.period(2025) }).resolves({ Item: openPeriodItem(2025) });
  ddb.on(TransactWriteCommand).resolves({});
  landed = [];
});

/** Transactions the mocked table let through (see claimTaken). */
let landed: TransactWriteCommandInput[] = [];

/**
 * The table once `claim` is stored, as DynamoDB answers: the claim reads back, and a transaction that carries
 * a claim under the same key is refused by that claim's condition (attribute_not_exists), writing nothing.
 */
function claimTaken(claim: Record<string, unknown>) {
  ddb.on(GetCommand, { Key: CLAIM_KEY }).resolves({ Item: claim });
  ddb.on(TransactWriteCommand).callsFake((input: TransactWriteCommandInput) => {
    const items = input.TransactItems ?? [];
    const at = items.findIndex((i) => i.Put?.Item?.pk === claim.pk);
    if (at < 0) {
      landed.push(input);
      return {};
    }
    throw new TransactionCanceledException({
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
      $metadata: {},
      CancellationReasons: items.map((_, i) => ({ Code: i === at ? 'ConditionalCheckFailed' : 'None' })),
    });
  });
}

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
    claimTaken(claim);
    const again = await put(body);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(landed).toHaveLength(0);
  });

  it('the same key with a different request is 422 IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    const { claim } = await firstAttempt({ values: { staff_total: 40 } });
    ddb.resetHistory();
    claimTaken(claim);
    const reply = await put({ values: { staff_total: 41 } });
    expectError(reply, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(landed).toHaveLength(0);
  });

  it('a retry that fails because its twin committed meanwhile gets the first result, not the error', async () => {
    const body = { values: { staff_total: 40 } };
    const { reply: first, claim } = await firstAttempt(body);
    ddb.reset();
    ddb.on(GetCommand).resolves({});
    ddb.on(GetCommand, { Key: keys.period(2025) }).resolves({ Item: openPeriodItem(2025) });
    // Committed (and the report submitted) by the time this request fails on the submitted report.
    ddb.on(GetCommand, { Key: CLAIM_KEY }).resolves({ Item: claim });
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
    claimTaken(claim);
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
    const { claim } = await firstAttempt({ values: { staff_total: 40 } });
    claimTaken(claim);
    const other = { ...AGENCY, sub: 'another-agency-user' };
    const reply = await call(save, 'saveMyReport', {
      path: '/reports/2025',
      claims: other,
      headers: { 'content-type': 'application/json', 'idempotency-key': KEY },
      body: JSON.stringify({ values: { staff_total: 40 } }),
    });
    expect(reply.headers['idempotent-replayed']).toBeUndefined();
    // The other caller's own claim is the one its commit is conditioned on, and it lands.
    const claimed = landed.flatMap((t) => (t.TransactItems ?? []).map((i) => i.Put?.Item));
    expect(claimed).toContainEqual(expect.objectContaining(keys.idempotency('another-agency-user', KEY)));
  });

  it('a save under a new key reads no claim: the report once (the period may be cached), then one transaction', async () => {
    await firstAttempt({ values: { staff_total: 40 } });
    const looked = ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key);
    const reportKey = keys.report(2025, AGENCY['custom:unitId'] as string);
    // Besides the period (maybe cached) and the token's unit (the check of http/agencyUnit.ts, maybe cached).
    const others = new Set([keys.period(2025).pk, keys.unit(AGENCY['custom:unitId'] as string).pk]);
    expect(looked.filter((k) => !others.has(k?.pk as string))).toEqual([reportKey]);
  });

  it('the same key with a different and invalid request is 422 IDEMPOTENCY_KEY_REUSED, not the 400 or a 500', async () => {
    const { claim } = await firstAttempt({ values: { staff_total: 40 } });
    claimTaken(claim);
    const reply = await put({ values: { staff_total: 'forty' } });
    expectError(reply, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(landed).toHaveLength(0);
  });

  it('a route that reads the claim first (putPeriod) replays before its handler runs, writing nothing', async () => {
    const request = {
      path: '/periods/2025',
      claims: ADMIN,
      headers: { 'content-type': 'application/json', 'idempotency-key': KEY },
      body: JSON.stringify({ opensAt: '2025-01-01T00:00:00+07:00', deadline: '2026-02-01T00:00:00+07:00' }),
    };
    const first = await call(putPeriod, 'putPeriod', request);
    expect(first.status).toBe(200);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems ?? [];
    const adminClaimKey = keys.idempotency(ADMIN.sub as string, KEY);
    const claim = items.map((i) => i.Put?.Item).find((item) => item?.pk === adminClaimKey.pk);
    ddb.resetHistory();
    ddb.on(GetCommand, { Key: adminClaimKey }).resolves({ Item: claim });
    const again = await call(putPeriod, 'putPeriod', request);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(ddb.commandCalls(GetCommand).map((c) => c.args[0].input.Key)).toEqual([adminClaimKey]);
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
