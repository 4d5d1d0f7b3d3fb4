import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_ENV } from '../http/apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const ddb = mockClient(DynamoDBDocumentClient);
const { queryPagesAhead } = await import('#shared/store/pages');

const input = { TableName: 't', KeyConditionExpression: 'pk = :pk' };

beforeEach(() => {
  ddb.reset();
  ddb.on(QueryCommand).callsFake((q: { ExclusiveStartKey?: { n: number } }) => {
    const n = q.ExclusiveStartKey?.n ?? 0;
    return { Items: [{ n }], ...(n < 2 ? { LastEvaluatedKey: { n: n + 1 } } : {}) };
  });
});

describe('queryPagesAhead', () => {
  it('gives every page in order and asks for the next one while the caller works on the current', async () => {
    const seen: { page: unknown; queriesSent: number }[] = [];
    for await (const page of queryPagesAhead(input)) {
      await new Promise((r) => setTimeout(r, 5));
      seen.push({ page, queriesSent: ddb.commandCalls(QueryCommand).length });
    }
    expect(seen).toEqual([
      { page: [{ n: 0 }], queriesSent: 2 },
      { page: [{ n: 1 }], queriesSent: 3 },
      { page: [{ n: 2 }], queriesSent: 3 },
    ]);
  });

  it('passes a failed page to the caller, and leaves no unhandled rejection when the caller stops early', async () => {
    ddb.on(QueryCommand).rejects(new Error('throttled'));
    await expect(
      (async () => {
        for await (const page of queryPagesAhead(input)) void page;
      })(),
    ).rejects.toThrow('throttled');

    ddb.reset();
    let calls = 0;
    ddb.on(QueryCommand).callsFake(() => {
      calls += 1;
      if (calls > 1) throw new Error('after the caller left');
      return { Items: [{ n: 0 }], LastEvaluatedKey: { n: 1 } };
    });
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      for await (const page of queryPagesAhead(input)) {
        expect(page).toEqual([{ n: 0 }]);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
      expect(calls).toBe(2);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
