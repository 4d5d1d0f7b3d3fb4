import { describe, expect, it } from 'vitest';
import { catalogFor, exampleValues, type Catalog } from '#shared/catalog/index';
import { rollupYear } from '#shared/rollup/rollupYear';
import { seedUnits } from '../../../local/seedData.ts';
import { memoryRollupStore, reportOf } from './memoryPorts.ts';

/*
 * The whole rollup pass on arrays, with in-memory sinks: no DynamoDB, no S3. The figures are the seed's
 * agencies with numbers worked out by hand (email use = staff_email_regular / staff_total).
 */
const c2025 = catalogFor(2025) as Catalog;
const base = () => ({ ...exampleValues(c2025) });

function store() {
  return memoryRollupStore({
    units: seedUnits,
    reports: [
      reportOf(2024, 'so-tttt', { ...base(), staff_email_regular: 90 }),
      reportOf(2025, 'so-tttt', base(), { status: 'accepted', acceptedAt: '2026-03-01T03:00:00.000Z' }),
      reportOf(2025, 'tuan-giao', base()),
      reportOf(2025, 'muong-ang', base(), { late: true }),
      reportOf(2025, 'tt-muong-ang', { ...base(), staff_total: 20, staff_email_regular: 6 }),
      reportOf(2025, 'xa-ang-nua', base(), { status: 'draft', submissions: 0 }),
      // A report for a unit the hierarchy does not know is counted, not rolled up.
      reportOf(2025, 'zz-gone', base()),
    ],
  });
}

const run = (
  s: ReturnType<typeof store>,
  year: number,
  extra: { failOn?: 'html'; onProgress?: () => void } = {},
) =>
  rollupYear({
    year,
    catalog: catalogFor(year) as Catalog,
    runId: `run-${year}`,
    requestedBy: 'test',
    now: () => new Date('2026-02-01T00:30:00+07:00'),
    sources: s.sources,
    sinks: s.sinks(year, extra.failOn ? { failOn: extra.failOn } : {}),
    ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
  });

describe('the rollup pass over arrays', () => {
  it('rolls up completeness, ratios of sums and last year’s change, and publishes every file', async () => {
    const s = store();
    await run(s, 2024);
    const { counts } = await run(s, 2025);
    expect(counts).toMatchObject({
      units: 11,
      reported: 4,
      orphanReports: 1,
      expected: 11,
      late: 1,
      missing: 7,
    });

    const rollup = JSON.parse(s.published(2025, 'json') as string);
    const group = (key: string) => rollup.groups.find((g: { key: string }) => g.key === key);
    const unit = (id: string) => rollup.units.find((u: { unitId: string }) => u.unitId === id);
    // Three units at 100/120 and one at 6/20.
    expect(group('overall').indicators.email_regular_pct).toMatchObject({ numerator: 306, denominator: 380 });
    expect(group('parent:muong-ang').completeness).toEqual({
      expected: 2,
      reported: 1,
      onTime: 1,
      late: 0,
      missing: 1,
    });
    // Through the parent chain: the district's communes count for the province.
    expect(group('parent:dien-bien').completeness.expected).toBe(11);
    expect(rollup.completeness.missingUnits.map((m: { unitId: string }) => m.unitId)).toContain('xa-ang-nua');
    // 2024's published units.csv gave so-tttt's 75%.
    expect(unit('so-tttt').previous.email_regular_pct).toBe(75);
    expect(unit('so-tttt').change.email_regular_pct).toBeCloseTo(100 / 1.2 - 75, 3);
    expect(rollup.ranking).toHaveLength(4);

    expect(s.published(2025, 'unitsCsv')?.split('\r\n')).toHaveLength(1 + 11 + 1);
    expect(s.published(2025, 'indicatorsCsv')).toContain(
      'overall,,Toàn tỉnh,Province overall,email_regular_pct',
    );
    expect(s.published(2025, 'html')).toContain('Tổng hợp ứng dụng CNTT năm 2025');
    expect(s.summaries.filter((x) => x.year === 2025).map((x) => x.status)).toEqual(['running', 'succeeded']);
  });

  it('gives identical files on a rerun', async () => {
    const s = store();
    await run(s, 2025);
    const first = (['json', 'unitsCsv', 'indicatorsCsv', 'html'] as const).map((f) => s.published(2025, f));
    await run(s, 2025);
    const second = (['json', 'unitsCsv', 'indicatorsCsv', 'html'] as const).map((f) => s.published(2025, f));
    expect(second).toEqual(first);
  });

  it('a failed run publishes nothing and records the failure', async () => {
    const s = store();
    await expect(run(s, 2025, { failOn: 'html' })).rejects.toThrow('cannot write html');
    expect(s.published(2025, 'json')).toBeUndefined();
    expect(s.summaries.at(-1)).toMatchObject({ status: 'failed', error: 'cannot write html' });
  });
});
