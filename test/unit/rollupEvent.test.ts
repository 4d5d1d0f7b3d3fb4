import { describe, expect, it, vi } from 'vitest';
import { newRunId, RUN_ID_PATTERN } from '#shared/rollup/runId';
import { TEST_ENV } from './http/apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const { handler } = (await import('../../functions/rollupYear.ts')) as {
  handler: (event: unknown) => Promise<unknown>;
};

describe('the rollup job checks its invocation payload where it enters', () => {
  it.each<[string, unknown]>([
    ['a run id that walks out of the run folder', { year: 2025, runId: '../../../outside' }],
    ['a run id with a slash', { year: 2025, runId: '20250201T000000000Z-abc/x' }],
    ['a run id that is not a string', { year: 2025, runId: 42 }],
    ['a year that is not an integer', { year: '2025/../x' }],
    ['a year out of range', { year: 1999 }],
    ['a requester that is not a string', { year: 2025, requestedBy: { sub: 'x' } }],
  ])('refuses %s before touching storage', async (_name, event) => {
    await expect(handler(event)).rejects.toBeInstanceOf(TypeError);
  });

  it('the run ids it makes itself match the pattern it checks', () => {
    for (let i = 0; i < 50; i++)
      expect(newRunId(new Date(1_700_000_000_000 + i * 7919))).toMatch(RUN_ID_PATTERN);
  });
});
