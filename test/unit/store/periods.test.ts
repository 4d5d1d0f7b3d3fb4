import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { entities } from '#shared/model';
import { TEST_ENV } from '../http/apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const ddb = mockClient(DynamoDBDocumentClient);
const { forgetPeriod, getPeriod } = await import('#shared/store/periods');

const stored = entities.period.encode({
  year: 2025,
  opensAt: '2025-01-01T00:00:00+07:00',
  deadline: '2026-03-01T00:00:00+07:00',
  lockExceptions: [],
  updatedBy: 'admin-user',
  updatedAt: '2025-01-01T00:00:00Z',
});
const reads = () => ddb.commandCalls(GetCommand).length;

beforeEach(() => {
  ddb.reset();
  forgetPeriod(2025);
});

describe('the period cache of a warm function', () => {
  it('reads the period once and answers from memory within half a minute', async () => {
    ddb.on(GetCommand).resolves({ Item: stored });
    expect((await getPeriod(2025)).deadline).toBe(stored.deadline);
    expect((await getPeriod(2025)).deadline).toBe(stored.deadline);
    expect(reads()).toBe(1);
  });

  it('reads again after forgetPeriod (an admin’s change in this function) and after 30 s', async () => {
    ddb.on(GetCommand).resolves({ Item: stored });
    await getPeriod(2025);
    forgetPeriod(2025);
    await getPeriod(2025);
    expect(reads()).toBe(2);
    vi.useFakeTimers({ now: Date.now() + 31_000 });
    try {
      await getPeriod(2025);
      expect(reads()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not keep a failed read', async () => {
    ddb.on(GetCommand).rejectsOnce(new Error('boom')).resolves({ Item: stored });
    await expect(getPeriod(2025)).rejects.toThrow('boom');
    await new Promise((r) => setTimeout(r, 0));
    expect((await getPeriod(2025)).deadline).toBe(stored.deadline);
    expect(reads()).toBe(2);
  });
});
