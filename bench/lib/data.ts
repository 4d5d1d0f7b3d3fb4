import { catalogFor, exampleValues, type Catalog, type ReportValues } from '#shared/catalog/index';
import type { Level, Unit } from '#shared/hierarchy';

/** The year the write-path and evidence benchmarks write to. */
export const BENCH_YEAR = 2025;
/** The rollup benchmark's year: its own, so the other benchmarks' reports never show up in its counts. */
export const ROLLUP_YEAR = 2026;
export const benchCatalog = catalogFor(BENCH_YEAR) as Catalog;

/** An integer field that no cross-field rule or indicator mentions: changing it keeps a report valid. */
export function freeIntegerOf(catalog: Catalog): { code: string; min: number; max: number } {
  const mentioned = new Set(
    catalog.rules.flatMap((r) =>
      r.kind === 'compare' ? [...r.left, ...r.right] : [r.when.field, ...r.then],
    ),
  );
  const inIndicators = new Set(catalog.indicators.flatMap((i) => [...i.numerator, ...(i.denominator ?? [])]));
  const f =
    catalog.fields.find((x) => x.type === 'integer' && !mentioned.has(x.code) && !inIndicators.has(x.code)) ??
    catalog.fields.find((x) => x.type === 'integer' && !mentioned.has(x.code));
  if (!f || f.type !== 'integer') throw new Error('The catalog has no rule-free integer field');
  return { code: f.code, min: f.min, max: Math.min(f.max, 1_000_000_000) };
}

/** A complete valid report of `year` whose free integer field holds `n` (kept inside the field's bounds). */
export function valuesWith(n: number, year = BENCH_YEAR): ReportValues {
  const catalog = catalogFor(year) as Catalog;
  const free = freeIntegerOf(catalog);
  const span = free.max - free.min + 1;
  return { ...exampleValues(catalog), [free.code]: free.min + (n % span) };
}

const BENCH_SINCE = '2000-01-01';

/** Province, district and commune, never ending: the bench measures scale, not reorganizations. */
export const benchLevels: Level[] = [
  { id: 'province', name: { vi: 'Cấp tỉnh', en: 'Provincial' }, rank: 0, validFrom: BENCH_SINCE },
  { id: 'district', name: { vi: 'Cấp huyện', en: 'District' }, rank: 1, validFrom: BENCH_SINCE },
  { id: 'commune', name: { vi: 'Cấp xã', en: 'Commune' }, rank: 2, validFrom: BENCH_SINCE },
];

export const districtId = (d: number) => `d-${String(d).padStart(3, '0')}`;
export const communeId = (i: number) => `u-${String(i).padStart(6, '0')}`;

/** 100 districts (not reporting themselves) under one province. */
export function districtUnits(count = 100): Unit[] {
  return [
    {
      id: 'tinh',
      code: '11',
      name: { vi: 'Tỉnh', en: 'Province' },
      level: 'province',
      reports: false,
      validFrom: BENCH_SINCE,
    },
    ...Array.from({ length: count }, (_, d): Unit => ({
      id: districtId(d),
      code: `D${d}`,
      name: { vi: `Huyện ${d}`, en: `District ${d}` },
      level: 'district',
      parentId: 'tinh',
      reports: false,
      validFrom: BENCH_SINCE,
    })),
  ];
}

/** Reporting communes `from`..`to-1`, spread over the districts. */
export function communeUnits(from: number, to: number, districts = 100): Unit[] {
  const out: Unit[] = [];
  for (let i = from; i < to; i++) {
    out.push({
      id: communeId(i),
      code: `C${i}`,
      name: { vi: `Xã số ${i}`, en: `Commune ${i}` },
      level: 'commune',
      parentId: districtId(i % districts),
      reports: true,
      validFrom: BENCH_SINCE,
    });
  }
  return out;
}
