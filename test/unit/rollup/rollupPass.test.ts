import { describe, expect, it } from 'vitest';
import { catalogFor, exampleValues, type Catalog } from '#shared/catalog/index';
import { HTML_RANKING_ROWS } from '#shared/rollup/html';
import { rollupYear } from '#shared/rollup/rollupYear';
import type { Unit } from '#shared/hierarchy';
import { elevenAgencies, timelessLevels } from '../../fixtures/hierarchies.ts';
import { memoryRollupStore, reportOf } from './memoryPorts.ts';

/*
 * The whole rollup pass on arrays, with in-memory sinks: no DynamoDB, no S3. The figures are the seed's
 * agencies with numbers worked out by hand (email use = staff_email_regular / staff_total).
 */
const c2025 = catalogFor(2025) as Catalog;
const base = () => ({ ...exampleValues(c2025) });

function store() {
  return memoryRollupStore({
    units: elevenAgencies,
    levels: timelessLevels,
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
    previousCatalog: catalogFor(year - 1) as Catalog,
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
    // so-tttt's 2024 report: 90 of 120.
    expect(unit('so-tttt').previous.email_regular_pct).toBe(75);
    expect(unit('so-tttt').change.email_regular_pct).toBeCloseTo(100 / 1.2 - 75, 3);
    expect(rollup.ranking.flatMap((l: { units: unknown[] }) => l.units)).toHaveLength(4);

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
    expect(s.publishedBytes(2025, 'xlsx')?.subarray(0, 2).toString()).toBe('PK');
  });

  it('a failed run publishes nothing and records the failure', async () => {
    const s = store();
    await expect(run(s, 2025, { failOn: 'html' })).rejects.toThrow('cannot write html');
    expect(s.published(2025, 'json')).toBeUndefined();
    expect(s.summaries.at(-1)).toMatchObject({ status: 'failed', error: 'cannot write html' });
  });
  it('lists a fixed number of each level’s ranking in the HTML where scores tie, names read only for those', async () => {
    // Every commune files the same figures: all tie at rank 1, and the HTML still lists only the first rows.
    const tied = HTML_RANKING_ROWS + 30;
    const communes: Unit[] = Array.from({ length: tied }, (_, k) => ({
      id: `xa-${String(k).padStart(4, '0')}`,
      code: `X${k}`,
      name: { vi: `Xã thử ${k}`, en: `Test commune ${k}` },
      level: 'commune',
      parentId: 'dien-bien',
      reports: true,
      validFrom: '2000-01-01',
    }));
    const s = memoryRollupStore({
      units: [...elevenAgencies, ...communes],
      levels: timelessLevels,
      reports: communes.map((u) => reportOf(2025, u.id, base())),
    });
    const asked: string[] = [];
    const unitsById = s.sources.unitsById;
    s.sources.unitsById = (ids) => {
      asked.push(...ids);
      return unitsById(ids);
    };
    await run(s, 2025);
    const rollup = JSON.parse(s.published(2025, 'json') as string);
    const communeRanking = rollup.ranking.find((l: { level: string }) => l.level === 'commune');
    expect(communeRanking.units).toHaveLength(tied);
    expect(new Set(communeRanking.units.map((u: { rank: number }) => u.rank))).toEqual(new Set([1]));
    const html = s.published(2025, 'html') as string;
    const communeTable = html.slice(html.indexOf('/ Ranking, Commune level'));
    const rows = communeTable.slice(0, communeTable.indexOf('</table>')).match(/<tr><td>1<\/td>/g) ?? [];
    expect(rows).toHaveLength(HTML_RANKING_ROWS);
    expect(communeTable).toContain(`The first ${HTML_RANKING_ROWS} of ${tied} units`);
    // The missing agencies' names come from the pass; only the ranked rows listed are read at the end.
    expect(asked.filter((id) => id.startsWith('xa-'))).toHaveLength(HTML_RANKING_ROWS);
    expect(html).toContain('Sở Tài chính');
  });
});
