import { computeIndicators } from '#shared/catalog/formulas';
import type { CatalogField, FieldValue, ReportValues } from '#shared/catalog/types';
import { bi, type Bilingual } from '#shared/contract/i18n';
import { EVIDENCE_TYPES } from '#shared/contract/evidence';
import { asCatalog } from '../catalog.ts';
import { base64ToHex } from '../evidence/checksum.ts';
import { documentLine } from '../evidence/list.ts';
import type { EvidenceStore } from '../evidence/store.ts';
import { saveAs } from '../savedFile.ts';
import type { PublicCatalog } from '../types.ts';

/*
 * The agency's own report as an XLSX workbook, made in the browser from what the form holds, so it works on a
 * slow link and offline too: the values by section, the indicators, the evidence with its checksums. Numbers
 * are numbers (a spreadsheet in a Vietnamese locale shows them with its own decimal comma and can sum them);
 * every heading is Vietnamese with English beside it. write-excel-file (with fflate) is loaded only when the
 * button is pressed, so the form does not carry it.
 */
const both = (b: Bilingual | undefined) => (b ? (b.vi === b.en ? b.vi : `${b.vi} / ${b.en}`) : '');
const head = (b: Bilingual) => ({ value: both(b), fontWeight: 'bold' as const });

const H = {
  section: bi('Mục', 'Section'),
  code: bi('Mã', 'Code'),
  fieldVi: bi('Nội dung', 'Item (Vietnamese)'),
  fieldEn: bi('Nội dung tiếng Anh', 'Item (English)'),
  value: bi('Giá trị', 'Value'),
  unit: bi('Đơn vị tính', 'Unit of measure'),
  indicator: bi('Chỉ tiêu', 'Indicator'),
  file: bi('Tệp', 'File'),
  document: bi('Văn bản', 'Document'),
  type: bi('Loại tệp', 'File type'),
  bytes: bi('Dung lượng (byte)', 'Size (bytes)'),
  sha256: bi('SHA-256', 'SHA-256'),
  backs: bi('Minh chứng cho', 'Evidence for'),
};
export const WORKBOOK_SHEETS = {
  values: bi('Số liệu', 'Values'),
  indicators: bi('Chỉ tiêu', 'Indicators'),
  evidence: bi('Minh chứng', 'Evidence'),
};
const sheetName = (b: Bilingual) => `${b.vi} - ${b.en}`;

function cellOf(field: CatalogField | undefined, value: FieldValue | undefined) {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'Có / Yes' : 'Không / No';
  if (field?.type === 'date') return { value: new Date(`${value}T00:00:00Z`), format: 'dd/mm/yyyy' };
  if (field?.type === 'choice') return both(field.choices.find((c) => c.value === value)?.label) || value;
  return value;
}

export async function downloadReportWorkbook(opts: {
  catalog: PublicCatalog;
  year: number;
  unitId: string;
  unitLine: string;
  version: number;
  values: ReportValues;
  store: EvidenceStore;
}): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const { catalog, values } = opts;
  const fields = new Map(catalog.fields.map((f) => [f.code, f]));
  const title = [
    [
      {
        value: `Báo cáo ứng dụng CNTT năm ${opts.year} / IT use report ${opts.year}`,
        fontWeight: 'bold' as const,
      },
    ],
    [opts.unitLine],
    [`Phiên bản ${opts.version} / Version ${opts.version}`],
    [],
  ];
  const valueRows = catalog.sections.flatMap((s) =>
    s.fields.map((code) => {
      const f = fields.get(code);
      return [
        `${s.order}. ${s.title.vi}`,
        code,
        f?.label.vi ?? code,
        f?.label.en ?? code,
        cellOf(f, values[code]),
        f && 'unit' in f && f.unit ? both(f.unit) : null,
      ];
    }),
  );
  const indicators = computeIndicators(asCatalog(catalog), values);
  const indicatorRows = catalog.indicators.map((i) => [
    i.code,
    i.label.vi,
    i.label.en,
    indicators[i.code]?.value ?? null,
    both(i.unit),
  ]);
  const fileRows = opts.store
    .live()
    .map((e) => [
      e.fileName,
      documentLine(e),
      EVIDENCE_TYPES[e.contentType].label,
      e.size,
      base64ToHex(e.sha256),
      e.fields.join(', '),
    ]);
  const blob = await writeXlsxFile([
    {
      sheet: sheetName(WORKBOOK_SHEETS.values),
      data: [...title, [H.section, H.code, H.fieldVi, H.fieldEn, H.value, H.unit].map(head), ...valueRows],
      columns: [{ width: 28 }, { width: 22 }, { width: 48 }, { width: 48 }, { width: 16 }, { width: 16 }],
    },
    {
      sheet: sheetName(WORKBOOK_SHEETS.indicators),
      data: [
        ...title,
        [H.code, H.indicator, bi('Chỉ tiêu tiếng Anh', 'Indicator (English)'), H.value, H.unit].map(head),
        ...indicatorRows,
      ],
      columns: [{ width: 22 }, { width: 48 }, { width: 48 }, { width: 16 }, { width: 16 }],
    },
    {
      sheet: sheetName(WORKBOOK_SHEETS.evidence),
      data: [...title, [H.file, H.document, H.type, H.bytes, H.sha256, H.backs].map(head), ...fileRows],
      columns: [{ width: 36 }, { width: 40 }, { width: 10 }, { width: 14 }, { width: 66 }, { width: 30 }],
    },
  ]).toBlob();
  saveAs(blob, `bao-cao-cntt-${opts.year}-${opts.unitId}-v${opts.version}.xlsx`);
}
