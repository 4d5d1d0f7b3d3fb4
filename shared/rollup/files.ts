import type { Level } from '../hierarchy.ts';
import type { Catalog } from '../catalog/index.ts';
import { VERIFICATION_LABELS } from '../domain/officialValues.ts';
import { STATUS_LABELS } from '../contract/statuses.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { BOM, csvLine, csvRow, round } from './csv.ts';
import {
  bandLabel,
  changeUnit,
  citation,
  comparedWithLabel,
  fieldLabel,
  levelName,
  opText,
} from './display.ts';
import type { GroupResult } from './groups.ts';
import type { UnitRow } from './unitRow.ts';
import type { Cell, Column } from './workbook.ts';

/*
 * The columns of the units and indicators files, written once for the CSVs (codes, for programs) and the
 * workbook (labels, Vietnamese with English beside, for people).
 */

/** Quoted keys, `"key":`, kept for the keys the files repeat (field and indicator codes); bounded. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 4096;
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * JSON with every number rounded like the CSVs, so the files agree and runs are byte-identical. What
 * JSON.stringify with a replacer writes, written directly: the replacer's call per key was most of the pass,
 * and appending piece by piece with the keys quoted once is twice as fast as building each member with a
 * template (bench/README.md, 4g).
 */
export function stableJson(value: unknown): string {
  if (typeof value === 'number') {
    const r = round(value);
    return Number.isFinite(r) ? String(r) : 'null';
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || typeof value !== 'object') return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let k = 0; k < value.length; k++) {
      const item: unknown = value[k];
      if (k) out += ',';
      out += item === undefined || typeof item === 'function' ? 'null' : stableJson(item);
    }
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    if (first) first = false;
    else out += ',';
    out += quotedKey(key);
    out += stableJson(item);
  }
  return `${out}}`;
}

interface TableColumn<T> extends Column {
  /** The CSV header. */
  readonly code: string;
  /** The CSV cell: codes and raw numbers. */
  readonly csv: (row: T) => Cell;
  /** The workbook cell, when it reads differently from the CSV's: labels instead of codes. */
  readonly sheet?: (row: T) => Cell;
  /** Left out of the workbook's sheet, which has the figure elsewhere (the gaps sheet). @default true */
  readonly inSheet?: boolean;
}

const yesNo = (v: boolean) => (v ? 'Có / Yes' : 'Không / No');
const both = (b: Bilingual) => (b.vi === b.en ? b.vi : `${b.vi} / ${b.en}`);

export function unitColumns(catalog: Catalog, levels: readonly Level[]): TableColumn<UnitRow>[] {
  const indicatorColumns = catalog.indicators.flatMap((i): TableColumn<UnitRow>[] => [
    {
      code: i.code,
      header: bi(`${i.label.vi} (${i.unit.vi})`, `${i.label.en} (${i.unit.en})`),
      width: 18,
      csv: (r) => r.indicators?.[i.code]?.value ?? null,
    },
    {
      code: `${i.code}__self_reported`,
      header: bi(`${i.label.vi}: tự báo cáo`, `${i.label.en}: self-reported`),
      inSheet: false,
      csv: (r) =>
        (r.verified ? r.verified.selfReported[i.code]?.value : r.indicators?.[i.code]?.value) ?? null,
    },
    {
      code: `${i.code}__gap`,
      header: bi(
        `${i.label.vi}: chênh lệch (tự báo cáo − chính thức)`,
        `${i.label.en}: gap (self-reported − official)`,
      ),
      inSheet: false,
      csv: (r) => (r.verified ? r.verified.gaps[i.code] : r.indicators ? 0 : null) ?? null,
    },
  ]);
  return [
    { code: 'unitId', header: bi('Mã đơn vị', 'Unit id'), width: 18, csv: (r) => r.unitId },
    { code: 'code', header: bi('Mã hành chính', 'Code'), width: 12, csv: (r) => r.code },
    { code: 'name_vi', header: bi('Tên đơn vị', 'Unit name (Vietnamese)'), width: 36, csv: (r) => r.name.vi },
    { code: 'name_en', header: bi('Tên tiếng Anh', 'Unit name (English)'), width: 36, csv: (r) => r.name.en },
    {
      code: 'level',
      header: bi('Cấp', 'Level'),
      csv: (r) => r.level,
      sheet: (r) => both(levelName(levels, r.level)),
    },
    { code: 'parentId', header: bi('Đơn vị cấp trên', 'Parent unit'), csv: (r) => r.parentId ?? '' },
    {
      code: 'expected',
      header: bi('Phải nộp', 'Expected'),
      csv: (r) => r.expected,
      sheet: (r) => yesNo(r.expected),
    },
    {
      code: 'status',
      header: bi('Trạng thái', 'Status'),
      csv: (r) => r.status,
      sheet: (r) => both(STATUS_LABELS[r.status]),
    },
    { code: 'late', header: bi('Nộp muộn', 'Late'), csv: (r) => r.late, sheet: (r) => yesNo(r.late) },
    {
      code: 'reported',
      header: bi('Số liệu được tính', 'Figures count'),
      csv: (r) => r.reported,
      sheet: (r) => yesNo(r.reported),
    },
    {
      code: 'verification',
      header: bi('Xác minh', 'Verification'),
      width: 24,
      csv: (r) => r.verification ?? '',
      sheet: (r) => (r.verification ? both(VERIFICATION_LABELS[r.verification]) : ''),
    },
    {
      code: 'evidence_rejected',
      header: bi('Chỉ tiêu có tài liệu không được chấp nhận', 'Fields whose evidence was rejected'),
      width: 30,
      csv: (r) => r.evidence?.unsupported.join(' ') ?? '',
    },
    {
      code: 'score',
      header: bi('Điểm (thang 100)', 'Score (out of 100)'),
      csv: (r) => r.score?.score,
    },
    {
      code: 'points',
      header: bi('Điểm đạt được', 'Points earned'),
      csv: (r) => r.score?.points,
    },
    {
      code: 'applicable_max',
      header: bi('Điểm tối đa áp dụng', 'Applicable maximum'),
      csv: (r) => r.score?.applicableMax,
    },
    {
      code: 'band',
      header: bi('Xếp loại', 'Band'),
      csv: (r) => r.score?.band,
      sheet: (r) => (r.score ? both(bandLabel(catalog, r.score.band)) : ''),
    },
    {
      code: 'not_applicable',
      header: bi('Chỉ tiêu không áp dụng', 'Indicators not applicable'),
      width: 30,
      csv: (r) => r.score?.notApplicable.join(' '),
      sheet: (r) => r.score?.notApplicable.map((c) => fieldLabel(catalog, c).vi).join('; '),
    },
    {
      code: 'outliers',
      header: bi('Bất thường so với năm trước', 'Outliers against last year'),
      width: 30,
      csv: (r) => r.outliers?.map((o) => o.indicator).join(' '),
      sheet: (r) => r.outliers?.map((o) => fieldLabel(catalog, o.indicator).vi).join('; '),
    },
    {
      code: 'compared_with',
      header: bi('So sánh với năm trước', 'Compared with last year'),
      width: 30,
      csv: (r) => r.comparedWith?.basis,
      sheet: (r) => (r.comparedWith ? both(comparedWithLabel(r.comparedWith)) : ''),
    },
    {
      code: 'predecessors',
      header: bi('Đơn vị tiền thân', 'Predecessor units'),
      width: 30,
      csv: (r) => r.comparedWith?.predecessors?.join(' '),
    },
    targetSetColumn(catalog),
    ...indicatorColumns,
  ];
}

/** Which target set scored the row: every output names it. */
const targetSetColumn = <T>(catalog: Catalog): TableColumn<T> => ({
  code: 'target_set',
  header: bi('Bộ mục tiêu', 'Target set'),
  csv: () => catalog.targetSet ?? '',
});

export const unitsCsvHeader = (columns: readonly TableColumn<UnitRow>[]): string =>
  BOM + csvLine(columns.map((c) => c.code));
export const unitsCsvRow = (columns: readonly TableColumn<UnitRow>[], row: UnitRow): string =>
  csvRow(columns, row);
/** The columns a workbook sheet shows. */
export const sheetColumns = <T>(columns: readonly TableColumn<T>[]): TableColumn<T>[] =>
  columns.filter((c) => c.inSheet !== false);
/** A sheet row: numbers rounded as in the other files, labels where the column has them, null for nothing. */
export function sheetRow<T>(columns: readonly TableColumn<T>[], row: T): Cell[] {
  const cells: Cell[] = new Array<Cell>(columns.length);
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k] as TableColumn<T>;
    const v = (c.sheet ?? c.csv)(row);
    cells[k] = typeof v === 'number' ? round(v) : (v ?? null);
  }
  return cells;
}

/** One row of indicators.csv: an indicator, or a yes/no field's share of agencies answering yes, in a group. */
export interface IndicatorLine {
  readonly group: GroupResult;
  readonly name: Bilingual;
  readonly kind: 'indicator' | 'yes_no';
  readonly code: string;
}

export function indicatorColumns(catalog: Catalog): TableColumn<IndicatorLine>[] {
  const indicator = (l: IndicatorLine) => (l.kind === 'indicator' ? l.group.indicators[l.code] : undefined);
  const answer = (l: IndicatorLine) => (l.kind === 'yes_no' ? l.group.answers[l.code] : undefined);
  const def = (l: IndicatorLine) => catalog.indicators.find((i) => i.code === l.code);
  const g = (pick: (c: GroupResult['completeness']) => number) => (l: IndicatorLine) =>
    pick(l.group.completeness);
  return [
    { code: 'group_type', header: bi('Loại nhóm', 'Group type'), csv: (l) => l.group.type },
    { code: 'group_id', header: bi('Mã nhóm', 'Group id'), csv: (l) => l.group.id },
    {
      code: 'group_name_vi',
      header: bi('Tên nhóm', 'Group name (Vietnamese)'),
      width: 30,
      csv: (l) => l.name.vi,
    },
    {
      code: 'group_name_en',
      header: bi('Tên nhóm tiếng Anh', 'Group name (English)'),
      width: 30,
      csv: (l) => l.name.en,
    },
    { code: 'indicator', header: bi('Mã chỉ tiêu', 'Indicator code'), width: 24, csv: (l) => l.code },
    {
      code: 'indicator_vi',
      header: bi('Chỉ tiêu', 'Indicator (Vietnamese)'),
      width: 40,
      csv: (l) => fieldLabel(catalog, l.code).vi,
    },
    {
      code: 'indicator_en',
      header: bi('Chỉ tiêu tiếng Anh', 'Indicator (English)'),
      width: 40,
      csv: (l) => fieldLabel(catalog, l.code).en,
    },
    {
      code: 'kind',
      header: bi('Loại', 'Kind'),
      csv: (l) => l.kind,
      sheet: (l) =>
        l.kind === 'yes_no' ? 'Tỷ lệ đơn vị trả lời “Có” / Share answering yes' : 'Chỉ tiêu / Indicator',
    },
    {
      code: 'unit',
      header: bi('Đơn vị tính', 'Unit'),
      csv: (l) => (l.kind === 'yes_no' ? '%' : def(l)?.unit.vi),
    },
    {
      code: 'numerator',
      header: bi('Tử số', 'Numerator'),
      csv: (l) => indicator(l)?.numerator ?? answer(l)?.yes ?? null,
    },
    {
      code: 'denominator',
      header: bi('Mẫu số', 'Denominator'),
      csv: (l) => indicator(l)?.denominator ?? answer(l)?.answered ?? null,
    },
    {
      code: 'value',
      header: bi('Giá trị chính thức', 'Official value'),
      csv: (l) => indicator(l)?.value ?? answer(l)?.share ?? null,
    },
    {
      code: 'units_with_data',
      header: bi('Số đơn vị có số liệu', 'Units with data'),
      csv: (l) => indicator(l)?.unitsWithData ?? answer(l)?.answered,
    },
    {
      code: 'units_not_applicable',
      header: bi('Số đơn vị không áp dụng', 'Units not applicable'),
      csv: (l) => indicator(l)?.unitsNotApplicable,
    },
    {
      code: 'self_reported',
      header: bi('Giá trị tự báo cáo', 'Self-reported value'),
      csv: (l) => indicator(l)?.selfReported.value,
    },
    {
      code: 'gap',
      header: bi('Chênh lệch (tự báo cáo − chính thức)', 'Gap (self-reported − official)'),
      csv: (l) => indicator(l)?.gap,
    },
    {
      code: 'target_op',
      header: bi('So với mục tiêu', 'Target comparison'),
      csv: (l) => indicator(l)?.target?.op,
      sheet: (l) => opText(indicator(l)?.target?.op ?? ''),
    },
    {
      code: 'target',
      header: bi('Mục tiêu', 'Target'),
      csv: (l) => indicator(l)?.target?.value,
    },
    {
      code: 'target_source',
      header: bi('Nguồn mục tiêu', 'Target source'),
      width: 30,
      csv: (l) => indicator(l)?.target?.source,
      sheet: (l) => {
        const t = indicator(l)?.target;
        return t ? both(citation(catalog, t.source)) : '';
      },
    },
    {
      code: 'met',
      header: bi('Đạt mục tiêu', 'Target met'),
      csv: (l) => indicator(l)?.met,
      sheet: (l) => {
        const m = indicator(l)?.met;
        return m === null || m === undefined ? '' : yesNo(m);
      },
    },
    {
      code: 'units_with_target',
      header: bi('Số đơn vị có mục tiêu', 'Units with a target'),
      csv: (l) => indicator(l)?.unitsWithTarget,
    },
    {
      code: 'units_meeting_target',
      header: bi('Số đơn vị đạt', 'Units meeting it'),
      csv: (l) => indicator(l)?.unitsMeetingTarget,
    },
    {
      code: 'previous',
      header: bi('Năm trước', 'Last year'),
      csv: (l) => indicator(l)?.previous,
    },
    { code: 'change', header: bi('Thay đổi', 'Change'), csv: (l) => indicator(l)?.change },
    {
      code: 'change_unit',
      header: bi('Đơn vị của thay đổi', 'Unit of the change'),
      width: 24,
      csv: (l) => {
        const i = def(l);
        return i ? both(changeUnit(i)) : '';
      },
    },
    { code: 'expected', header: bi('Phải nộp', 'Expected'), csv: g((c) => c.expected) },
    { code: 'reported', header: bi('Đã nộp', 'Reported'), csv: g((c) => c.reported) },
    { code: 'on_time', header: bi('Đúng hạn', 'On time'), csv: g((c) => c.onTime) },
    { code: 'late', header: bi('Muộn', 'Late'), csv: g((c) => c.late) },
    { code: 'missing', header: bi('Chưa nộp', 'Missing'), csv: g((c) => c.missing) },
    targetSetColumn(catalog),
  ];
}

export function indicatorLines(
  catalog: Catalog,
  groups: readonly GroupResult[],
  names: (g: GroupResult) => Bilingual,
): IndicatorLine[] {
  const booleans = catalog.fields.filter((f) => f.type === 'boolean').map((f) => f.code);
  return groups.flatMap((group) => {
    const name = names(group);
    return [
      ...catalog.indicators.map((i) => ({ group, name, kind: 'indicator' as const, code: i.code })),
      ...booleans.map((code) => ({ group, name, kind: 'yes_no' as const, code })),
    ];
  });
}

export function indicatorsCsv(
  columns: readonly TableColumn<IndicatorLine>[],
  lines: readonly IndicatorLine[],
): string {
  let out = BOM + csvLine(columns.map((c) => c.code));
  for (const l of lines) out += csvRow(columns, l);
  return out;
}
