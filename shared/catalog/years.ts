import { LEVELS } from '../hierarchy.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { baseIndicators } from './indicators.ts';
import { baseRules } from './rules.ts';
import { baseFields, baseSections } from './sections/index.ts';
import type { Band, Catalog, CatalogField, Indicator } from './types.ts';

/** Bands by share of max points, as the provinces publish their rankings. Highest first. */
export const BANDS: readonly Band[] = [
  { id: 'good', label: bi('Tốt', 'Good'), minShare: 0.8 },
  { id: 'fair', label: bi('Khá', 'Fair'), minShare: 0.65 },
  { id: 'medium', label: bi('Trung bình', 'Medium'), minShare: 0.5 },
  { id: 'weak', label: bi('Yếu', 'Weak'), minShare: 0 },
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
    levels: LEVELS,
    bands: BANDS,
  };
  return deepFreeze(catalog);
}

/*
 * The indicator set and field codes stay the same from year to year so that years compare (the ICT Index kept
 * its set stable for at least three years). Only targets and texts move, and each move is listed in `changes`.
 */
const catalog2024 = build(2024, '2024.1', [], baseIndicators);

const catalog2025 = build(
  2025,
  '2025.1',
  [
    bi(
      'Từ 01/7/2025 chính quyền địa phương có hai cấp (tỉnh – xã). Chỉ tiêu và mục tiêu không đổi; số liệu cấp huyện chỉ còn để so sánh với các năm trước.',
      'Since 1 July 2025 local government has two tiers (province – commune). Indicators and targets are unchanged; district-level figures remain only for comparison with earlier years.',
    ),
  ],
  baseIndicators,
);

const catalog2026 = build(2026, '2026.1', [], baseIndicators);

export const catalogs: ReadonlyMap<number, Catalog> = new Map([
  [catalog2024.year, catalog2024],
  [catalog2025.year, catalog2025],
  [catalog2026.year, catalog2026],
]);
