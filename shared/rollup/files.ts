import type { Catalog } from '../catalog/index.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { BOM, csvLine, round } from './csv.ts';
import type { GroupResult } from './groups.ts';
import type { UnitRow } from './unitRow.ts';

/** JSON with every number rounded like the CSVs, so the files agree and runs are byte-identical. */
export const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? round(v) : v));

export function unitsCsvHeader(catalog: Catalog): string {
  return (
    BOM +
    csvLine([
      'unitId',
      'code',
      'name_vi',
      'name_en',
      'level',
      'parentId',
      'expected',
      'status',
      'late',
      'reported',
      'score',
      'max_score',
      'band',
      'outliers',
      ...catalog.indicators.map((i) => i.code),
    ])
  );
}

export function unitsCsvRow(catalog: Catalog, row: UnitRow): string {
  return csvLine([
    row.unitId,
    row.code,
    row.name.vi,
    row.name.en,
    row.level,
    row.parentId ?? '',
    row.expected,
    row.status,
    row.late,
    row.reported,
    row.score?.total,
    row.score?.max,
    row.score?.band,
    row.outliers?.map((o) => o.indicator).join(' '),
    ...catalog.indicators.map((i) => row.indicators?.[i.code]?.value ?? null),
  ]);
}

const INDICATOR_COLUMNS = [
  'group_type',
  'group_id',
  'group_name_vi',
  'group_name_en',
  'indicator',
  'indicator_vi',
  'indicator_en',
  'unit',
  'numerator',
  'denominator',
  'value',
  'units_with_data',
  'target_op',
  'target',
  'met',
  'units_with_target',
  'units_meeting_target',
  'previous',
  'change',
  'expected',
  'reported',
  'on_time',
  'late',
  'missing',
];

export function indicatorsCsv(
  catalog: Catalog,
  groups: readonly GroupResult[],
  names: (g: GroupResult) => Bilingual,
): string {
  let out = BOM + csvLine(INDICATOR_COLUMNS);
  for (const g of groups) {
    const name = names(g);
    for (const indicator of catalog.indicators) {
      const v = g.indicators[indicator.code];
      if (!v) continue;
      out += csvLine([
        g.type,
        g.id,
        name.vi,
        name.en,
        indicator.code,
        indicator.label.vi,
        indicator.label.en,
        indicator.unit.vi,
        v.numerator,
        v.denominator,
        v.value,
        v.unitsWithData,
        v.target?.op,
        v.target?.value,
        v.met,
        v.unitsWithTarget,
        v.unitsMeetingTarget,
        v.previous,
        v.change,
        g.completeness.expected,
        g.completeness.reported,
        g.completeness.onTime,
        g.completeness.late,
        g.completeness.missing,
      ]);
    }
  }
  return out;
}
