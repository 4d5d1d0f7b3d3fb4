import { bi, type Bilingual } from '../contract/i18n.ts';
import { baseIndicators } from './indicators.ts';
import { baseRules } from './rules.ts';
import { baseFields, baseSections } from './sections/index.ts';
import { BINH_PHUOC_1538_2014, CATALOG_SOURCES } from './sources.ts';
import type { Band, Catalog, CatalogField, Indicator } from './types.ts';
import { lazy } from '../lazy.ts';

/**
 * Bands by score out of 100 (share of the applicable maximum), as provinces publish their rankings; highest
 * first. Điện Biên has issued no scale, so the default is Bình Phước's published one, cited as such.
 */
const band = (id: string, label: Bilingual, minShare: number): Band => ({
  id,
  label,
  minShare,
  source: BINH_PHUOC_1538_2014.id,
});
export const BANDS: readonly Band[] = [
  band('good', bi('Tốt', 'Good'), 0.85),
  band('fair', bi('Khá', 'Fair'), 0.7),
  band('medium', bi('Trung bình', 'Medium'), 0.5),
  band('weak', bi('Yếu', 'Weak'), 0),
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The report describes the agency on 31 December; a rule signed later belongs in next year's report. */
function withDateBounds(fields: readonly CatalogField[], year: number): CatalogField[] {
  return fields.map((f) => (f.type === 'date' ? { ...f, max: `${year}-12-31` } : f));
}

function build(
  year: number,
  version: string,
  changes: readonly Bilingual[],
  indicators: readonly Indicator[],
) {
  const catalog: Catalog = {
    year,
    version,
    changes,
    sections: baseSections,
    fields: withDateBounds(baseFields, year),
    indicators,
    rules: baseRules,
    bands: BANDS,
    sources: CATALOG_SOURCES,
  };
  return deepFreeze(catalog);
}

/*
 * The indicator set and field codes stay the same from year to year so that years compare (the ICT Index kept
 * its set stable for at least three years). Only targets and texts move, and each move is listed in `changes`.
 */
const catalog2024 = () => build(2024, '2024.1', [], baseIndicators);

/** The indicators with the targets (and their sources) of the levels that exist in the year, and no others. */
function withTargetsFor(levelIds: readonly string[], indicators: readonly Indicator[]): Indicator[] {
  const only = <T>(byLevel: Readonly<Partial<Record<string, T>>>) =>
    Object.fromEntries(Object.entries(byLevel).filter(([level]) => levelIds.includes(level)));
  return indicators.map((i) => ({
    ...i,
    targets: only(i.targets),
    ...(i.targetSources ? { targetSources: only(i.targetSources) } : {}),
  }));
}

// From 1 July 2025 there is no district level (Resolution 203/2025/QH15): 2025's hierarchy, that of
// 31 December, has provinces and communes only.
const twoTierIndicators = lazy(() => withTargetsFor(['province', 'commune'], baseIndicators));

const catalog2025 = () =>
  build(
    2025,
    '2025.1',
    [
      bi(
        'Từ 01/7/2025 chính quyền địa phương có hai cấp (tỉnh – xã). Chỉ tiêu không đổi; không còn mục tiêu cấp huyện, vì năm 2025 được báo cáo theo danh mục đơn vị ngày 31/12/2025. Xã mới được so sánh với các đơn vị tiền thân cộng lại.',
        'Since 1 July 2025 local government has two tiers (province – commune). Indicators are unchanged; the district targets are gone, since 2025 is reported by the hierarchy of 31 December 2025. A new commune is compared with its predecessors combined.',
      ),
    ],
    twoTierIndicators(),
  );

const catalog2026 = () => build(2026, '2026.1', [], twoTierIndicators());

/**
 * Each year's catalog, built on first use: a function needs the year it serves, and building and freezing every
 * year's at import was a tenth of a report function's cold start.
 */
export const catalogs: ReadonlyMap<number, () => Catalog> = new Map([
  [2024, lazy(catalog2024)],
  [2025, lazy(catalog2025)],
  [2026, lazy(catalog2026)],
]);
