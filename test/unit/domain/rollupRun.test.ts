import { describe, expect, it } from 'vitest';
import { runAsSeen, STALE_RUN_MS, type RollupSummary } from '#shared/domain/rollupRun';

const now = new Date('2026-12-03T06:30:00Z');
const run = (status: RollupSummary['status'], minutesAgo: number): RollupSummary => ({
  year: 2026,
  status,
  runId: 'r1',
  requestedBy: 'admin-1',
  startedAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
});

describe('a rollup run as it stands', () => {
  it('is running while Lambda could still be running it', () => {
    expect(runAsSeen(run('running', 14), now)).toEqual(run('running', 14));
    expect(runAsSeen(run('running', STALE_RUN_MS / 60_000), now).status).toBe('running');
  });

  it('has failed, saying why, once it is past what Lambda allows and recorded no end', () => {
    const seen = runAsSeen(run('running', STALE_RUN_MS / 60_000 + 1), now);
    expect(seen).toMatchObject({ status: 'failed', runId: 'r1' });
    expect(seen.error).toContain('15');
  });

  it('keeps a finished run as it ended, however old', () => {
    expect(runAsSeen(run('succeeded', 600), now)).toEqual(run('succeeded', 600));
    expect(runAsSeen(run('failed', 600), now)).toEqual(run('failed', 600));
  });
});
