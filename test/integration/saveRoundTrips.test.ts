import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { entities, keys } from '#shared/model';
import { startTestApi, type TestApi } from './harness.ts';
import { YEAR, catalog, openPeriod, snapshotTable, units } from './fixtures.ts';

/*
 * A save answers the same whether the function read the report first or built on the state it committed last
 * (If-Match naming that version): DynamoDB Local's own conditions decide, no mock stands in for them.
 */
const field = catalog.fields.find((f) => f.type === 'integer')!.code;
let api: TestApi;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
  doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
  );
});
afterAll(async () => {
  doc?.destroy();
  await api.stop();
});

const save = (who: { sub: string; unitId: string }, value: number, headers: Record<string, string>) =>
  api.call({ ...who, role: 'agency' }, 'PUT', `/reports/${YEAR}`, {
    body: { values: { [field]: value } },
    headers,
  });

/** Another writer (another warm function, say) moves the report on without this process seeing it. */
async function rewrite(unitId: string, change: (item: Record<string, unknown>) => Record<string, unknown>) {
  const { Item } = await doc.send(
    new GetCommand({ TableName: api.tableName, Key: keys.report(YEAR, unitId), ConsistentRead: true }),
  );
  await doc.send(new PutCommand({ TableName: api.tableName, Item: change(Item!) }));
}

const revision = async (unitId: string, version: number) => {
  const { Item } = await doc.send(
    new GetCommand({
      TableName: api.tableName,
      Key: keys.revision(YEAR, unitId, version),
      ConsistentRead: true,
    }),
  );
  return Item ? entities.revision.decode(Item) : undefined;
};

describe('saves under If-Match', () => {
  it('an autosave retried after its answer was lost (same key, same If-Match) gets the first answer, once', async () => {
    const who = { sub: 'rt-retry', unitId: 'so-a' };
    const headers = { 'if-match': '"v0"', 'idempotency-key': 'rt-retry-0001' };
    const first = await save(who, 5, headers);
    expect(first.status).toBe(200);
    const before = await snapshotTable(api.tableName);
    const again = await save(who, 5, headers);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await snapshotTable(api.tableName)).toBe(before);
    const reused = await save(who, 6, headers);
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await snapshotTable(api.tableName)).toBe(before);
  });

  it('a save on the version this process committed is refused by the condition when another writer moved on: 412, nothing written', async () => {
    const who = { sub: 'rt-moved', unitId: 'so-b' };
    const v1 = await save(who, 1, { 'if-match': '"v0"' });
    expect(v1.json.version).toBe(1);
    await rewrite('so-b', (item) => ({ ...item, version: 2, updatedAt: new Date().toISOString() }));
    const before = await snapshotTable(api.tableName);
    const stale = await save(who, 2, { 'if-match': '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('VERSION_MISMATCH');
    expect(await snapshotTable(api.tableName)).toBe(before);
  });

  it('a report rewritten at the same version (a restore, an emulator that lost a write) is read again, not built on', async () => {
    const who = { sub: 'rt-rewritten', unitId: 'xa-d' };
    const v1 = await save(who, 1, { 'if-match': '"v0"' });
    expect(v1.json.version).toBe(1);
    await rewrite('xa-d', (item) => ({
      ...item,
      values: { ...(item.values as object), [field]: 7 },
      updatedAt: new Date(Date.now() + 1000).toISOString(),
    }));
    const v2 = await save(who, 8, { 'if-match': '"v1"' });
    expect(v2.status).toBe(200);
    expect(v2.json.version).toBe(2);
    expect((await revision('xa-d', 2))?.diff).toEqual([{ field, from: 7, to: 8 }]);
  });
});
