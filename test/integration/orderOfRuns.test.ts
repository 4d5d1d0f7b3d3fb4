import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleValues } from '#shared/catalog/index';
import { elevenAgencies } from '../fixtures/hierarchies.ts';
import { startTestApi, type TestApi } from './harness.ts';
import {
  admin,
  auditor,
  catalog,
  fieldsNeedingEvidence,
  recordVerifiedEvidence,
  rollupFile,
  SUBMISSION,
} from './fixtures.ts';

/*
 * Last year comes from last year's reports, so the order of runs changes nothing: 2026 rolled up on a fresh
 * store (2025 never rolled up) gives the same change and outlier figures as after a 2025 rollup, and a
 * correction to a 2025 report shows in 2026's next run.
 */
let api: TestApi;
const agency = (unitId: string) => ({ sub: `agency-${unitId}`, role: 'agency', unitId }) as const;
const REPORTING = ['so-tttt', 'tuan-giao', 'tt-muong-ang'];

async function period(year: number) {
  const res = await api.call(admin, 'PUT', `/periods/${year}`, {
    body: {
      opensAt: `${year}-01-01T00:00:00+07:00`,
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      lockExceptions: [],
    },
  });
  expect(res.status).toBe(200);
}

async function submitted(year: number, unitId: string, staffEmail: number) {
  const values = { ...exampleValues(catalog), staff_email_regular: staffEmail };
  expect((await api.call(agency(unitId), 'PUT', `/reports/${year}`, { body: { values } })).status).toBe(200);
  await recordVerifiedEvidence(api.tableName, unitId, fieldsNeedingEvidence(catalog, values as never), year);
  expect((await api.call(agency(unitId), 'POST', `/reports/${year}/submit`, SUBMISSION)).status).toBe(200);
}

async function rollUp(year: number) {
  const { runRollup } = await import('#shared/rollup/runner');
  await runRollup({ year, requestedBy: 'test' }, `run-${year}-${Math.random().toString(36).slice(2)}`, {
    now: () => new Date('2027-02-01T00:30:00+07:00'),
    pageSize: 2,
  });
  return JSON.parse((await rollupFile(year, 'rollup.json')).toString('utf8'));
}

/** What a run says about last year: every unit's previous, change and outliers, every group's previous and change. */
function comparison(rollup: {
  units: { unitId: string; previous?: unknown; change?: unknown; outliers?: unknown }[];
  groups: { key: string; indicators: Record<string, { previous: unknown; change: unknown }> }[];
}) {
  return {
    units: rollup.units.map((u) => ({
      unitId: u.unitId,
      previous: u.previous,
      change: u.change,
      outliers: u.outliers,
    })),
    groups: rollup.groups.map((g) => ({
      key: g.key,
      indicators: Object.fromEntries(
        Object.entries(g.indicators).map(([k, v]) => [k, { previous: v.previous, change: v.change }]),
      ),
    })),
  };
}

beforeAll(async () => {
  api = await startTestApi({ units: elevenAgencies });
  await period(2025);
  await period(2026);
  // 120 staff each; 2025 email use 90, 10, 6 people; 2026 all at the example's 100.
  for (const [unitId, email] of [
    ['so-tttt', 90],
    ['tuan-giao', 10],
    ['tt-muong-ang', 6],
  ] as const)
    await submitted(2025, unitId, email);
  for (const unitId of REPORTING) await submitted(2026, unitId, 100);
});
afterAll(() => api.stop());

describe('the order of runs', () => {
  let fresh: ReturnType<typeof comparison>;

  it('2026 on a fresh store, 2025 never rolled up, already compares with 2025', async () => {
    const rollup = await rollUp(2026);
    fresh = comparison(rollup);
    const tuanGiao = rollup.units.find((u: { unitId: string }) => u.unitId === 'tuan-giao');
    expect(tuanGiao.previous.email_regular_pct).toBeCloseTo((10 / 120) * 100, 3);
    expect(tuanGiao.outliers.map((o: { indicator: string }) => o.indicator)).toContain('email_regular_pct');
    const overall = rollup.groups.find((g: { key: string }) => g.key === 'overall').indicators
      .email_regular_pct;
    expect(overall.previous).toBeCloseTo((106 / 360) * 100, 3);
  });

  it('gives the same change and outlier figures after a 2025 rollup', async () => {
    await rollUp(2025);
    expect(comparison(await rollUp(2026))).toEqual(fresh);
  });

  it('shows a correction to a 2025 report in 2026’s next run', async () => {
    const corrected = await api.call(auditor, 'PUT', '/review/2025/reports/tuan-giao/verification', {
      body: { fields: { staff_email_regular: { value: 90, comment: 'Đếm lại / Recounted' } } },
    });
    expect(corrected.status).toBe(200);
    const after = await rollUp(2026);
    const tuanGiao = after.units.find((u: { unitId: string }) => u.unitId === 'tuan-giao');
    expect(tuanGiao.previous.email_regular_pct).toBeCloseTo(75, 3);
    expect(tuanGiao.outliers.map((o: { indicator: string }) => o.indicator)).not.toContain(
      'email_regular_pct',
    );
    const overall = after.groups.find((g: { key: string }) => g.key === 'overall').indicators
      .email_regular_pct;
    expect(overall.previous).toBeCloseTo((186 / 360) * 100, 3);
    expect(comparison(after)).not.toEqual(fresh);
  });
});
