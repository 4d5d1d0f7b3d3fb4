import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import {
  admin,
  agencyA,
  auditor,
  catalog,
  completeValues,
  fieldsNeedingEvidence,
  recordVerifiedEvidence,
  rollupFile,
  snapshotTable,
  SUBMISSION,
  units,
  YEAR,
} from './fixtures.ts';

/*
 * A year's targets, weights and bands as data with sources: an admin sets them through the API, each change
 * is a new version on the audit log, and the next rollup scores with them and names the set it used.
 */
let api: TestApi;

const change = {
  sources: [
    {
      id: 'ke-hoach-tinh',
      document: 'Kế hoạch thử nghiệm số 1',
      title: { vi: 'Kế hoạch thử nghiệm của tỉnh', en: 'The province’s test plan' },
    },
  ],
  indicators: {
    email_regular_pct: { targets: { province: { value: 90, source: 'ke-hoach-tinh' } } },
    staff_trained_pct: { maxPoints: { value: 20, source: 'system-default' } },
  },
};

beforeAll(async () => {
  api = await startTestApi({ units });
});
afterAll(() => api.stop());

describe('the targets of a year', () => {
  it('start as the catalog’s defaults, each with its source, for everyone (the agency’s form judges by them)', async () => {
    const res = await api.call(auditor, 'GET', `/targets/${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: `${YEAR}.v0`, isDefault: true, version: 0 });
    expect(res.json.indicators.email_regular_pct.targets.province).toEqual({
      value: 30,
      source: 'qd-48-2009-ttg',
    });
    expect(res.json.indicators.email_regular_pct.targets.commune).toEqual({
      value: 30,
      source: 'system-default',
    });
    expect(res.json.bands.map((b: { minShare: number }) => b.minShare)).toEqual([0.85, 0.7, 0.5, 0]);
    // The agency reads the very same set, so its form says "met" by the targets the rollup will use.
    const agencys = await api.call(agencyA, 'GET', `/targets/${YEAR}`);
    expect(agencys.status).toBe(200);
    expect(agencys.json).toEqual(res.json);
  });

  it('an admin sets them with sources: a new version, on the audit log', async () => {
    expect((await api.call(auditor, 'PUT', `/targets/${YEAR}`, { body: change })).status).toBe(403);
    const res = await api.call(admin, 'PUT', `/targets/${YEAR}`, { body: change });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ name: `${YEAR}.v1`, version: 1, setBy: 'admin-1' });
    expect(res.json.indicators.email_regular_pct.targets.province).toEqual({
      value: 90,
      source: 'ke-hoach-tinh',
    });
    // Unchanged values keep their own sources (communes: none but the system's default), and 2025 has no
    // district level, so no district target.
    expect(res.json.indicators.email_regular_pct.targets.commune).toEqual({
      value: 30,
      source: 'system-default',
    });
    expect(res.json.indicators.email_regular_pct.targets.district).toBeUndefined();
    const again = await api.call(admin, 'PUT', `/targets/${YEAR}`, {
      body: {
        indicators: { email_regular_pct: { targets: { commune: { value: 40, source: 'system-default' } } } },
      },
    });
    expect(again.json).toMatchObject({ version: 2 });
    expect(again.json.indicators.email_regular_pct.targets.province.value).toBe(90);
    expect((await api.call(auditor, 'GET', `/targets/${YEAR}`)).json.name).toBe(`${YEAR}.v2`);

    const log = await api.call(admin, 'GET', `/audit?year=${YEAR}&action=targets.set`);
    const entries = log.json.entries as { object: string; unitId: string; actor: { sub: string } }[];
    expect(entries.map((e) => e.object)).toEqual([`${YEAR}.v1`, `${YEAR}.v2`]);
    // In the province's own chains, with the admin who set them.
    expect(entries.every((e) => e.unitId === '*' && e.actor.sub === admin.sub)).toBe(true);
    const checked = await api.call(admin, 'GET', `/audit/verification?year=${YEAR}&unit=*`);
    expect(checked.json.verified, JSON.stringify(checked.json)).toBe(true);
  });

  it('refuses a value without a known source, an unknown indicator or level, and bands out of order: 400 naming the field, nothing written', async () => {
    const bad = await api.call(admin, 'PUT', `/targets/${YEAR}`, {
      body: {
        indicators: {
          email_regular_pct: {
            targets: {
              province: { value: 85, source: 'quyet-dinh-khong-co' },
              ward: { value: 1, source: 'system-default' },
              // A level that ended before the year's 31 December.
              district: { value: 1, source: 'system-default' },
            },
          },
          no_such_indicator: { targets: {} },
          procedures_online_pct: { maxPoints: { value: 5, source: 'system-default' } },
        },
        bands: [
          { id: 'good', minShare: 0.6, source: 'system-default' },
          { id: 'fair', minShare: 0.7, source: 'system-default' },
          { id: 'medium', minShare: 0.5, source: 'system-default' },
          { id: 'weak', minShare: 0.1, source: 'system-default' },
        ],
      },
    });
    expect(bad.status, JSON.stringify(bad.json)).toBe(400);
    const paths = bad.json.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'indicators.email_regular_pct.targets.province.source',
        'indicators.email_regular_pct.targets.ward',
        'indicators.email_regular_pct.targets.district',
        'indicators.no_such_indicator',
        'indicators.procedures_online_pct.maxPoints',
        'bands.0.minShare',
        'bands.3.minShare',
      ]),
    );
    for (const i of bad.json.error.issues) expect(i.message.vi && i.message.en).toBeTruthy();
    const noDocument = await api.call(admin, 'PUT', `/targets/${YEAR}`, {
      body: { sources: [{ id: 'x-y', document: ' ', title: { vi: 'a', en: 'a' } }] },
    });
    expect(noDocument.status).toBe(400);
    expect((await api.call(auditor, 'GET', `/targets/${YEAR}`)).json.version).toBe(2);
  });

  it('the next rollup scores with the set and names it in every output', async () => {
    const agency = (unitId: string) => ({ sub: `agency-${unitId}`, role: 'agency', unitId }) as const;
    await api.call(admin, 'PUT', `/periods/${YEAR}`, {
      body: {
        opensAt: `${YEAR}-01-01T00:00:00+07:00`,
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
        lockExceptions: [],
      },
    });
    expect(
      (await api.call(agency('so-a'), 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } }))
        .status,
    ).toBe(200);
    await recordVerifiedEvidence(api.tableName, 'so-a', fieldsNeedingEvidence(catalog), YEAR);
    expect((await api.call(agency('so-a'), 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
    const { runRollup } = await import('#shared/rollup/runner');
    const { counts } = await runRollup({ year: YEAR, requestedBy: 'test' }, `run-targets-${Date.now()}`);
    expect(counts.reported).toBe(1);
    const file = async (name: string) => (await rollupFile(YEAR, name)).toString('utf8');
    const rollup = JSON.parse(await file('rollup.json'));
    expect(rollup.targetSet).toMatchObject({ name: `${YEAR}.v2`, version: 2 });
    const province = rollup.groups.find((g: { key: string }) => g.key === 'level:province');
    expect(province.indicators.email_regular_pct.target).toEqual({
      op: '>=',
      value: 90,
      source: 'ke-hoach-tinh',
    });
    // staff_trained_pct now weighs 20 of 115 points.
    expect(rollup.units.find((u: { unitId: string }) => u.unitId === 'so-a').score.fullMax).toBe(115);
    expect(await file('report.html')).toContain(`${YEAR}.v2`);
    expect(await file('report.html')).toContain('Kế hoạch thử nghiệm số 1');
    const summary = await api.call(admin, 'GET', `/rollups/${YEAR}`);
    expect(summary.json.targetSet).toBe(`${YEAR}.v2`);
  });
});

describe('two admins editing the targets at once', () => {
  it('two admins at once: both patches land as consecutive versions; under If-Match the stale one is 412 and writes nothing', async () => {
    const before = (await api.call(admin, 'GET', `/targets/${YEAR}`)).json.version as number;
    const otherAdmin = { ...admin, sub: 'admin-2' };
    const patch = (indicator: string, value: number) => ({
      indicators: { [indicator]: { targets: { commune: { value, source: 'system-default' } } } },
    });
    const [a, b] = await Promise.all([
      api.call(admin, 'PUT', `/targets/${YEAR}`, { body: patch('email_regular_pct', 41) }),
      api.call(otherAdmin, 'PUT', `/targets/${YEAR}`, { body: patch('staff_trained_pct', 42) }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([a.json.version, b.json.version].sort()).toEqual([before + 1, before + 2]);
    // Neither change was lost: each patch went over the other's version.
    const both = (await api.call(auditor, 'GET', `/targets/${YEAR}`)).json;
    expect(both.version).toBe(before + 2);
    expect(both.indicators.email_regular_pct.targets.commune.value).toBe(41);
    expect(both.indicators.staff_trained_pct.targets.commune.value).toBe(42);

    // Both editors showed version before + 2; the first to save wins, the second is told, and nothing of it lands.
    const seen = `"v${before + 2}"`;
    const first = await api.call(admin, 'PUT', `/targets/${YEAR}`, {
      body: patch('email_regular_pct', 50),
      headers: { 'if-match': seen },
    });
    expect(first.status).toBe(200);
    const snapshot = await snapshotTable(api.tableName);
    const stale = await api.call(otherAdmin, 'PUT', `/targets/${YEAR}`, {
      body: patch('email_regular_pct', 60),
      headers: { 'if-match': seen },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('VERSION_MISMATCH');
    expect(stale.json.error.message.vi).toMatch(/phiên bản/);
    expect(await snapshotTable(api.tableName)).toEqual(snapshot);
    const malformed = await api.call(otherAdmin, 'PUT', `/targets/${YEAR}`, {
      body: patch('email_regular_pct', 60),
      headers: { 'if-match': 'v3' },
    });
    expect(malformed.status).toBe(412);
    expect(
      (await api.call(auditor, 'GET', `/targets/${YEAR}`)).json.indicators.email_regular_pct.targets.commune
        .value,
    ).toBe(50);
  });
});
