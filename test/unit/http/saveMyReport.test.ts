import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyReport, type ReportState } from '#shared/domain/report';
import { keys } from '#shared/model';
import { AGENCY, call, expectError, TEST_ENV, UNIT, type Handler, openPeriodItem } from './apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const ddb = mockClient(DynamoDBDocumentClient);
const save = ((await import('../../../functions/saveMyReport.ts')) as { handler: Handler }).handler;

const REPORT_KEY = keys.report(2025, UNIT);

const stored = (version: number, staffTotal: number): ReportState => ({
  ...emptyReport(2025, UNIT),
  version,
  values: { staff_total: staffTotal },
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-02T00:00:00.000Z',
  updatedBy: 'agency-user',
});
const item = (state: ReportState) => ({ ...REPORT_KEY, entity: 'report', ...state });

const conditionFailed = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });

const put = (ifMatch: string | undefined, staffTotal = 50) =>
  call(save, 'saveMyReport', {
    path: '/reports/2025',
    claims: AGENCY,
    headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    body: JSON.stringify({ values: { staff_total: staffTotal } }),
  });

beforeEach(() => {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: keys.period(2025) }).resolves({ Item: openPeriodItem(2025) });
  ddb.on(TransactWriteCommand).resolves({});
});

describe('PUT /reports/{year} under If-Match', () => {
  it('writes when If-Match names the current version, conditioned on that version', async () => {
    ddb.on(GetCommand, { Key: REPORT_KEY }).resolves({ Item: item(stored(3, 40)) });
    const reply = await put('"v3"');
    expect(reply.status).toBe(200);
    expect(reply.headers.etag).toBe('"v4"');
    const [report] = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems ?? [];
    expect(report?.Put?.ConditionExpression).toBe('version = :from');
    expect(report?.Put?.ExpressionAttributeValues).toEqual({ ':from': 3 });
  });

  it('412 VERSION_MISMATCH when If-Match is stale, writing nothing', async () => {
    ddb.on(GetCommand, { Key: REPORT_KEY }).resolves({ Item: item(stored(4, 40)) });
    expectError(await put('"v3"'), 412, 'VERSION_MISMATCH');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('412 when the write loses its condition to a concurrent change (TransactionCanceledException)', async () => {
    // Read at v3, someone else commits v4 before our transaction lands; the retry re-reads v4.
    ddb
      .on(GetCommand, { Key: REPORT_KEY })
      .resolvesOnce({ Item: item(stored(3, 40)) })
      .resolves({ Item: item(stored(4, 45)) });
    ddb.on(TransactWriteCommand).rejects(conditionFailed());
    const reply = await put('"v3"');
    expectError(reply, 412, 'VERSION_MISMATCH');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('without If-Match, a lost race is retried on fresh state and lands', async () => {
    ddb
      .on(GetCommand, { Key: REPORT_KEY })
      .resolvesOnce({ Item: item(stored(3, 40)) })
      .resolves({ Item: item(stored(4, 45)) });
    ddb.on(TransactWriteCommand).rejectsOnce(conditionFailed()).resolves({});
    const reply = await put(undefined);
    expect(reply.status).toBe(200);
    expect(reply.body.version).toBe(5);
    const writes = ddb.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.args[0].input.TransactItems?.[0]?.Put?.ExpressionAttributeValues).toEqual({
      ':from': 4,
    });
  });

  it.each(['v3', '"3"', '*', '"v3", "v4"'])('412 for a malformed If-Match %j', async (ifMatch) => {
    ddb.on(GetCommand, { Key: REPORT_KEY }).resolves({ Item: item(stored(3, 40)) });
    expectError(await put(ifMatch), 412, 'PRECONDITION_FAILED');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('a weak validator is accepted', async () => {
    ddb.on(GetCommand, { Key: REPORT_KEY }).resolves({ Item: item(stored(3, 40)) });
    expect((await put('W/"v3"')).status).toBe(200);
  });

  it('a save with no change writes nothing and answers the current state', async () => {
    ddb.on(GetCommand, { Key: REPORT_KEY }).resolves({ Item: item(stored(3, 40)) });
    const reply = await put('"v3"', 40);
    expect(reply.status).toBe(200);
    expect(reply.headers.etag).toBe('"v3"');
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
