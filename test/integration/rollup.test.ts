import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFor, exampleValues, type Catalog } from '#shared/catalog/index';
import { elevenAgencies } from '../fixtures/hierarchies.ts';
import { startTestApi, type TestApi } from './harness.ts';
import {
  admin,
  auditor,
  fieldsNeedingEvidence,
  recordVerifiedEvidence,
  rollupFile,
  SUBMISSION,
} from './fixtures.ts';

/*
 * The seed's 11 agencies of Điện Biên, with figures chosen so every expected value below can be worked out by
 * hand: email use is staff_email_regular / staff_total, on official figures (the auditors' verified value where
 * they recorded one on the current submission: Điện Biên Phủ's 60 instead of its self-reported 100). They stand
 * here as they were before the 2025 reorganization, valid throughout: this file checks the rollup's arithmetic;
 * the reorganization's effect on the rollup is checked in unitsThroughTime.test.ts.
 */
const c2025 = catalogFor(2025) as Catalog;
let api: TestApi;
const agency = (unitId: string) => ({ sub: `agency-${unitId}`, role: 'agency', unitId }) as const;
const base = () => ({ ...exampleValues(c2025) });
const smallDept = {
  staff_total: 50,
  staff_with_computer: 50,
  staff_official_mailbox: 45,
  staff_email_regular: 40,
  staff_foreign_mail: 5,
  staff_internet: 50,
  staff_trained_basic: 45,
  it_staff: 2,
  it_staff_college: 1,
};
const commune = {
  staff_total: 20,
  staff_with_computer: 18,
  staff_official_mailbox: 10,
  staff_email_regular: 6,
  staff_foreign_mail: 4,
  staff_internet: 15,
  staff_trained_basic: 12,
  it_staff: 1,
  it_staff_college: 0,
};

async function period(year: number, daysAhead: number, lockExceptions: unknown[] = []) {
  const res = await api.call(admin, 'PUT', `/periods/${year}`, {
    body: {
      opensAt: `${year}-01-01T00:00:00+07:00`,
      deadline: new Date(Date.now() + daysAhead * 86_400_000).toISOString(),
      lockExceptions,
    },
  });
  expect(res.status).toBe(200);
}

const file = rollupFile;

async function report(year: number, unitId: string, values: Record<string, unknown>, submit = true) {
  const who = agency(unitId);
  const saved = await api.call(who, 'PUT', `/reports/${year}`, { body: { values } });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  if (!submit) return;
  await recordVerifiedEvidence(api.tableName, unitId, fieldsNeedingEvidence(c2025, values as never), year);
  const res = await api.call(who, 'POST', `/reports/${year}/submit`, SUBMISSION);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

async function runRollup(year: number, onProgress?: () => void) {
  const { runRollup: run } = await import('#shared/rollup/runner');
  return run({ year, requestedBy: 'test' }, `run-${year}-${Math.random().toString(36).slice(2)}`, {
    now: () => new Date('2026-02-01T00:30:00+07:00'),
    pageSize: 2,
    ...(onProgress ? { onProgress } : {}),
  });
}

beforeAll(async () => {
  api = await startTestApi({ units: elevenAgencies });
  // 2024: two units reported, so 2025 has a previous year to compare with.
  await period(2024, 30);
  await report(2024, 'so-tttt', { ...base(), staff_email_regular: 90 });
  await report(2024, 'tuan-giao', { ...base(), staff_email_regular: 10 });
  await runRollup(2024);

  await period(2025, 30);
  for (const unitId of ['so-tttt', 'so-khdt', 'tuan-giao', 'dien-bien-phu', 'muong-cha'])
    await report(2025, unitId, base());
  await report(2025, 'so-tai-chinh', { ...base(), ...smallDept });
  await report(2025, 'so-khcn', { ...base(), dossiers_total: 0, dossiers_online: 0 });
  await report(2025, 'tt-muong-ang', { ...base(), ...commune });
  await report(2025, 'xa-ang-nua', base(), false);
  await report(2025, 'muong-ang', base(), false);
  await recordVerifiedEvidence(api.tableName, 'muong-ang', fieldsNeedingEvidence(c2025), 2025);
  await period(2025, -1, [
    { unitId: 'muong-ang', until: new Date(Date.now() + 86_400_000).toISOString(), reason: 'Lũ quét' },
  ]);
  expect((await api.call(agency('muong-ang'), 'POST', '/reports/2025/submit', SUBMISSION)).json.status).toBe(
    'late',
  );
  const verified = await api.call(auditor, 'PUT', '/review/2025/reports/dien-bien-phu/verification', {
    body: { fields: { staff_email_regular: { value: 60, comment: 'Đếm lại tại chỗ' } } },
  });
  expect(verified.status).toBe(200);
  expect((await api.call(auditor, 'POST', '/review/2025/reports/so-tttt/accept')).status).toBe(200);
});
afterAll(() => api.stop());

describe('the 2025 rollup of the seed’s agencies, checked by hand', () => {
  let rollup: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const group = (key: string) => rollup.groups.find((g: { key: string }) => g.key === key);
  const unit = (id: string) => rollup.units.find((u: { unitId: string }) => u.unitId === id);

  beforeAll(async () => {
    await runRollup(2025);
    rollup = JSON.parse((await file(2025, 'rollup.json')).toString('utf8'));
  });

  it('counts who reported: 11 expected, 9 reported, 1 late, 2 missing (no report; a draft)', () => {
    expect(group('overall').completeness).toEqual({
      expected: 11,
      reported: 9,
      onTime: 8,
      late: 1,
      missing: 2,
    });
    expect(rollup.completeness.missingUnits).toEqual([
      { unitId: 'so-noi-vu', status: 'not_started' },
      { unitId: 'xa-ang-nua', status: 'draft' },
    ]);
    expect(group('parent:muong-ang').completeness).toEqual({
      expected: 2,
      reported: 1,
      onTime: 1,
      late: 0,
      missing: 1,
    });
    expect(group('parent:dien-bien').completeness.expected).toBe(11);
  });

  it('aggregates a percentage as the sum of numerators over the sum of denominators, on official figures', () => {
    // 6 units at 100/120, Điện Biên Phủ at its verified 60/120, one at 40/50, one at 6/20.
    const overall = group('overall').indicators.email_regular_pct;
    expect(overall.numerator).toBe(706);
    expect(overall.denominator).toBe(910);
    expect(overall.value).toBeCloseTo((706 / 910) * 100, 3);
    expect(overall.value).not.toBeCloseTo((6 * (100 / 120) * 100 + 50 + 80 + 30) / 9, 1);
    // The self-reported figures stay published beside, with the gap.
    expect(overall.selfReported).toMatchObject({ numerator: 746, denominator: 910 });
    expect(overall.gap).toBeCloseTo((40 / 910) * 100, 3);
  });

  it('per level, against each level’s target (Decision 48/2009’s 2010 target for mountainous provinces: 30%)', () => {
    const province = group('level:province').indicators.email_regular_pct;
    expect(province.value).toBeCloseTo((340 / 410) * 100, 3);
    expect(province).toMatchObject({
      target: { op: '>=', value: 30, source: 'qd-48-2009-ttg' },
      met: true,
    });
    expect(group('level:district').indicators.email_regular_pct.value).toBeCloseTo((360 / 480) * 100, 3);
    const communes = group('level:commune').indicators.email_regular_pct;
    expect(communes).toMatchObject({
      numerator: 6,
      denominator: 20,
      value: 30,
      met: true,
      unitsMeetingTarget: 1,
    });
    expect(group('parent:muong-ang').indicators.email_regular_pct.value).toBe(30);
  });

  it('treats no dossiers as not applicable: no value, never 0%, and out of the unit’s maximum', () => {
    expect(unit('so-khcn').indicators.dossiers_online_pct).toEqual({
      numerator: null,
      denominator: null,
      value: null,
      notApplicable: true,
    });
    expect(unit('so-khcn').score).toMatchObject({
      applicableMax: 80,
      fullMax: 100,
      notApplicable: ['dossiers_online_pct', 'onestop_on_time_pct'],
    });
    const overall = group('overall').indicators.dossiers_online_pct;
    expect(overall.unitsWithData).toBe(8);
    expect(overall.unitsNotApplicable).toBe(1);
    expect(overall.value).toBe(45);
    expect(JSON.stringify(rollup)).not.toMatch(/NaN|Infinity/);
  });

  it('uses the verified value as the official one, with the self-reported value and the gap beside it', () => {
    const row = unit('dien-bien-phu');
    expect(row.verified.fields.staff_email_regular).toEqual({ reported: 100, verified: 60, gap: 40 });
    expect(row.indicators.email_regular_pct.value).toBe(50);
    expect(row.verified.selfReported.email_regular_pct.value).toBeCloseTo(83.3333, 3);
    expect(row.verified.gaps.email_regular_pct).toBeCloseTo(83.3333 - 50, 3);
    expect(row.verification).toBe('under_review');
    expect(unit('so-tttt').verification).toBe('accepted');
    expect(unit('so-khdt').verification).toBe('self_reported');
    expect(rollup.verification.states).toEqual({
      accepted: 1,
      preliminary: 0,
      under_review: 1,
      self_reported: 7,
    });
    expect(rollup.verification.fields.staff_email_regular).toMatchObject({
      units: 1,
      withGap: 1,
      sumAbsGap: 40,
    });
  });

  it('compares with last year and flags outliers', () => {
    expect(unit('so-tttt').change.email_regular_pct).toBeCloseTo(100 / 1.2 - 75, 3);
    expect(unit('so-tttt').outliers).toEqual([]);
    expect(unit('tuan-giao').change.email_regular_pct).toBeCloseTo(75, 3);
    expect(unit('tuan-giao').outliers.map((o: { indicator: string }) => o.indicator)).toContain(
      'email_regular_pct',
    );
    const overall = group('overall').indicators.email_regular_pct;
    expect(overall.previous).toBeCloseTo((100 / 240) * 100, 3);
    expect(overall.change).toBeCloseTo((706 / 910) * 100 - (100 / 240) * 100, 3);
  });

  it('ranks the units that reported by their share of points within each level, in bands', () => {
    const levels = rollup.ranking as {
      level: string;
      units: { share: number; rank: number; band: string; level: string }[];
    }[];
    expect(levels.map((l) => l.level)).toEqual(['province', 'district', 'commune']);
    expect(levels.flatMap((l) => l.units)).toHaveLength(9);
    for (const l of levels) {
      const shares = l.units.map((r) => r.share);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
      expect(l.units[0]?.rank).toBe(1);
      for (const r of l.units) {
        expect(r.level).toBe(l.level);
        expect(['good', 'fair', 'medium', 'weak']).toContain(r.band);
      }
    }
    expect(unit('so-noi-vu').score).toBeUndefined();
  });

  it('writes CSVs with a BOM and Vietnamese intact, and a self-contained HTML report', async () => {
    const units = await file(2025, 'units.csv');
    expect([...units.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(units.toString('utf8')).toContain('UBND huyện Mường Ảng');
    expect(units.toString('utf8').split('\r\n').length).toBe(1 + 11 + 1);
    const indicators = (await file(2025, 'indicators.csv')).toString('utf8');
    expect(indicators.startsWith('\uFEFFgroup_type,group_id')).toBe(true);
    expect(indicators).toContain('overall,,Toàn tỉnh,Province overall,email_regular_pct');
    const html = (await file(2025, 'report.html')).toString('utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Tổng hợp ứng dụng CNTT năm 2025');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });
});

describe('running the rollup', () => {
  const names = ['rollup.json', 'indicators.csv', 'units.csv', 'report.html'];

  it('twice gives byte-identical files', async () => {
    await runRollup(2025);
    const first = await Promise.all(names.map((n) => file(2025, n)));
    await runRollup(2025);
    const second = await Promise.all(names.map((n) => file(2025, n)));
    names.forEach((_, i) => expect(second[i]!.equals(first[i]!)).toBe(true));
  });

  it('a failed run leaves the previous outputs intact and records the failure', async () => {
    const before = await Promise.all(names.map((n) => file(2025, n)));
    await expect(
      runRollup(2025, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    const after = await Promise.all(names.map((n) => file(2025, n)));
    names.forEach((_, i) => expect(after[i]!.equals(before[i]!)).toBe(true));
    const summary = await api.call(admin, 'GET', '/rollups/2025');
    expect(summary.json).toMatchObject({ status: 'failed', error: 'disk full' });
  });

  it('on demand: an admin starts it, auditors read it with short-lived links; agencies cannot', async () => {
    expect((await api.call(agency('so-tttt'), 'POST', '/rollups/2025')).status).toBe(403);
    expect((await api.call(auditor, 'POST', '/rollups/2025')).status).toBe(403);
    const once = { headers: { 'idempotency-key': 'rollup-2025-on-demand' } };
    const started = await api.call(admin, 'POST', '/rollups/2025', once);
    expect(started.status).toBe(202);
    // A retried request under the same key answers the same run and starts no second one.
    const retried = await api.call(admin, 'POST', '/rollups/2025', once);
    expect(retried.json.runId).toBe(started.json.runId);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    let summary;
    for (let i = 0; i < 100; i++) {
      summary = await api.call(auditor, 'GET', '/rollups/2025');
      if (summary.json.runId === started.json.runId && summary.json.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(summary!.json).toMatchObject({
      status: 'succeeded',
      runId: started.json.runId,
      counts: { reported: 9 },
    });
    const link = new URL(summary!.json.links.unitsCsv);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('300');
    expect((await fetch(link)).status).toBe(200);
    expect((await api.call(agency('so-tttt'), 'GET', '/rollups/2025')).status).toBe(403);
    expect((await api.call(admin, 'GET', '/rollups/2031')).status).toBe(404);
  });
});
