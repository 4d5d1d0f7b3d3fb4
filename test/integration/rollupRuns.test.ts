import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import { admin, agencyA, auditor, openPeriod, units, YEAR } from './fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
});
afterAll(() => api.stop());

async function finished(runId: string) {
  for (let i = 0; i < 120; i++) {
    const res = await api.call(auditor, 'GET', `/rollups/${YEAR}`);
    if (res.json.runId === runId && res.json.status !== 'running') return res.json;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('one rollup per year at a time', () => {
  it('before the first run the year has no runs: an empty list, not an error', async () => {
    const res = await api.call(admin, 'GET', `/rollups/${YEAR}/runs`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ year: YEAR, runs: [] });
    expect((await api.call(agencyA, 'GET', `/rollups/${YEAR}/runs`)).status).toBe(403);
  });

  it('concurrent starts give one run and 409s that name it; the summary matches the files it links', async () => {
    const starts = await Promise.all(
      Array.from({ length: 5 }, () => api.call(admin, 'POST', `/rollups/${YEAR}`)),
    );
    const accepted = starts.filter((s) => s.status === 202);
    expect(accepted).toHaveLength(1);
    const runId = accepted[0]!.json.runId as string;
    const refused = starts.filter((s) => s.status !== 202);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.json.error.code).toBe('ROLLUP_RUNNING');
      expect(r.headers.get('x-running-run-id')).toBe(runId);
      expect(r.json.error.issues[0].message.en).toContain(runId);
    }

    const summary = await finished(runId);
    expect(summary.status).toBe('succeeded');
    const published = JSON.parse(await (await fetch(summary.links.json)).text()) as {
      year: number;
      units: { unitId: string }[];
    };
    expect(published.year).toBe(YEAR);
    expect(published.units).toHaveLength(summary.counts.units);
    expect(new URL(summary.links.json).pathname).toContain(`/runs/${runId}/`);

    // Once it is done, the year is free again.
    const again = await api.call(admin, 'POST', `/rollups/${YEAR}`);
    expect(again.status).toBe(202);
    expect((await finished(again.json.runId)).status).toBe('succeeded');

    // Both runs are listed, newest first, with who ran each and how it ended; the refused starts made none.
    const list = await api.call(auditor, 'GET', `/rollups/${YEAR}/runs`);
    expect(list.json.runs.map((r: { runId: string }) => r.runId)).toEqual([again.json.runId, runId]);
    for (const r of list.json.runs) {
      expect(r).toMatchObject({ year: YEAR, status: 'succeeded', requestedBy: admin.sub });
      expect(r.finishedAt > r.startedAt).toBe(true);
      expect(r.targetSet).toMatch(new RegExp(`^${YEAR}\\.v\\d+$`));
    }
  });

  it('a run that lost the year to another publishes nothing and cannot overwrite its summary', async () => {
    const { publishRun, rollupSummaryWrites, publishedRollup, getRollupSummary } =
      await import('#shared/store/rollupOutputs');
    const { transact } = await import('#shared/store/transact');
    const before = await publishedRollup(YEAR);
    const current = await getRollupSummary(YEAR);
    const stale = { ...current!, runId: '20000101T000000000Z-stale', status: 'failed' as const };
    await expect(transact(rollupSummaryWrites(stale))).rejects.toMatchObject({
      reason: 'ROLLUP_CLAIM_LOST',
    });
    await expect(publishRun(YEAR, current!.runId)).rejects.toBeDefined();
    expect(await publishedRollup(YEAR)).toEqual(before);
    expect(await getRollupSummary(YEAR)).toEqual(current);
    // Nor does it appear among the runs: its record lands only with its summary.
    const list = await api.call(admin, 'GET', `/rollups/${YEAR}/runs`);
    expect(list.json.runs.map((r: { runId: string }) => r.runId)).not.toContain(stale.runId);
  });

  it('a run Lambda stopped before it could record its end is shown as failed, saying why, not running for ever', async () => {
    const { saveRollupSummary } = await import('#shared/store/rollupOutputs');
    const startedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const runId = '20000101T000000001Z-stopped';
    await saveRollupSummary({ year: YEAR, status: 'running', runId, requestedBy: admin.sub, startedAt });
    const current = await api.call(admin, 'GET', `/rollups/${YEAR}`);
    expect(current.json).toMatchObject({ runId, status: 'failed' });
    expect(current.json.error).toMatch(/15 phút/);
    const list = await api.call(admin, 'GET', `/rollups/${YEAR}/runs`);
    expect(list.json.runs.find((r: { runId: string }) => r.runId === runId)).toMatchObject({
      status: 'failed',
    });
    // And it holds nothing: a new run takes the year, and ends.
    const next = await api.call(admin, 'POST', `/rollups/${YEAR}`);
    expect(next.status).toBe(202);
    expect((await finished(next.json.runId)).status).toBe('succeeded');
  });
});
