import type { Level } from '../hierarchy.ts';
import type { Catalog } from '../catalog/index.ts';
import { VERIFICATION_LABELS, VERIFICATION_STATES, type VerifiedFigure } from '../domain/officialValues.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { fieldLabel, levelName } from './display.ts';
import type { GroupResult } from './groups.ts';
import type { UnitRow } from './unitRow.ts';
import type { Cell, Column } from './workbook.ts';

/* The workbook's sheets beside units and indicators (files.ts): completeness, and the verification gaps. */

// A sheet name may not hold "/" and has at most 31 characters.
export const UNITS_SHEET = 'Đơn vị - Units';
export const INDICATORS_SHEET = 'Chỉ tiêu - Indicators';
export const COMPLETENESS_SHEET = 'Nộp báo cáo - Completeness';
export const GAP_SHEET = 'Chênh lệch - Verification gaps';

interface SheetColumn<T> extends Column {
  readonly code: string;
  readonly csv: (row: T) => Cell;
}

export interface CompletenessLine {
  readonly group: GroupResult;
  readonly name: Bilingual;
}

export function completenessColumns(): SheetColumn<CompletenessLine>[] {
  const c = (
    code: string,
    header: Bilingual,
    pick: (g: GroupResult) => number,
  ): SheetColumn<CompletenessLine> => ({
    code,
    header,
    csv: (l) => pick(l.group),
  });
  return [
    { code: 'group_type', header: bi('Loại nhóm', 'Group type'), csv: (l) => l.group.type },
    { code: 'group_id', header: bi('Mã nhóm', 'Group id'), csv: (l) => l.group.id },
    { code: 'group_name', header: bi('Nhóm', 'Group'), width: 36, csv: (l) => `${l.name.vi} / ${l.name.en}` },
    c('expected', bi('Phải nộp', 'Expected'), (g) => g.completeness.expected),
    c('reported', bi('Đã nộp', 'Reported'), (g) => g.completeness.reported),
    c('on_time', bi('Đúng hạn', 'On time'), (g) => g.completeness.onTime),
    c('late', bi('Muộn', 'Late'), (g) => g.completeness.late),
    c('missing', bi('Chưa nộp', 'Missing'), (g) => g.completeness.missing),
    ...VERIFICATION_STATES.map((s) => c(s, VERIFICATION_LABELS[s], (g) => g.verification[s])),
  ];
}

/** One field of one unit where auditors recorded a verified value on the current submission. */
export interface GapLine {
  readonly row: UnitRow;
  readonly field: string;
  readonly figure: VerifiedFigure;
}

const asCell = (v: unknown): Cell =>
  typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : null;

export function gapColumns(catalog: Catalog, levels: readonly Level[]): SheetColumn<GapLine>[] {
  return [
    { code: 'unitId', header: bi('Mã đơn vị', 'Unit id'), width: 18, csv: (l) => l.row.unitId },
    { code: 'name', header: bi('Tên đơn vị', 'Unit name'), width: 36, csv: (l) => l.row.name.vi },
    {
      code: 'level',
      header: bi('Cấp', 'Level'),
      csv: (l) => {
        const n = levelName(levels, l.row.level);
        return `${n.vi} / ${n.en}`;
      },
    },
    { code: 'field', header: bi('Mã trường', 'Field code'), width: 24, csv: (l) => l.field },
    {
      code: 'field_label',
      header: bi('Trường', 'Field'),
      width: 40,
      csv: (l) => fieldLabel(catalog, l.field).vi,
    },
    {
      code: 'self_reported',
      header: bi('Tự báo cáo', 'Self-reported'),
      csv: (l) => asCell(l.figure.reported),
    },
    {
      code: 'verified',
      header: bi('Đã xác minh (chính thức)', 'Verified (official)'),
      csv: (l) => asCell(l.figure.verified),
    },
    {
      code: 'gap',
      header: bi('Chênh lệch (tự báo cáo − xác minh)', 'Gap (self-reported − verified)'),
      csv: (l) => l.figure.gap,
    },
  ];
}
