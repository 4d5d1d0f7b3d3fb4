import type { Level } from '../hierarchy.ts';
import type { ComparedWith } from './previousYear.ts';
import { isNumericField, type Catalog, type Indicator } from '../catalog/index.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { round } from './csv.ts';

/*
 * How the rollup's numbers read in the HTML report and the workbook: each value in its own unit, changes of a
 * percentage in percentage points, a missing value as a bare dash, comparisons as ≥ and ≤.
 */

export const MISSING = '—';

export const isPercent = (indicator: Indicator): boolean => indicator.unit.en === '%';

const formats = new Map<number, Intl.NumberFormat>();
/** A number in Vietnamese notation (1.234,5), rounded as the data files round. */
export function numberText(value: number, digits = 1): string {
  let f = formats.get(digits);
  if (!f) formats.set(digits, (f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: digits })));
  return f.format(round(value));
}

/** What a change of the indicator is measured in: percentage points for a percentage. */
export const changeUnit = (indicator: Indicator): Bilingual =>
  isPercent(indicator) ? bi('điểm phần trăm', 'percentage points') : indicator.unit;

const withUnit = (text: string, unit: Bilingual) => (unit.vi === '%' ? `${text}%` : `${text} ${unit.vi}`);

export function valueText(indicator: Indicator, value: number | null | undefined): string {
  return value === null || value === undefined ? MISSING : withUnit(numberText(value, 2), indicator.unit);
}

export function changeText(indicator: Indicator, change: number | null | undefined): string {
  if (change === null || change === undefined) return MISSING;
  const sign = round(change) > 0 ? '+' : '';
  return `${sign}${numberText(change, 2)} ${changeUnit(indicator).vi}`;
}

export const opText = (op: string): string => (op === '>=' ? '≥' : op === '<=' ? '≤' : op);

/** The unit a field is counted in, or none. */
function fieldUnit(catalog: Catalog, code: string | undefined): Bilingual | undefined {
  const f = catalog.fields.find((x) => x.code === code);
  return f && isNumericField(f) ? f.unit : undefined;
}

/**
 * The fraction behind a value, in the value's own units: `746 / 910 người`, `300.000 kbps / 120 người`,
 * `117 máy / 130 máy`. Empty when there is no fraction to show.
 */
export function fractionText(
  catalog: Catalog,
  indicator: Indicator,
  v: { numerator: number | null; denominator: number | null } | undefined,
): string {
  if (!v || v.numerator === null || v.denominator === null || !indicator.denominator) return '';
  const denominatorUnit = fieldUnit(catalog, indicator.denominator[0]);
  const numeratorUnit =
    indicator.fraction?.numeratorUnit ??
    (indicator.numeratorIsShare ? denominatorUnit : fieldUnit(catalog, indicator.numerator[0]));
  const scale = indicator.fraction?.numeratorScale ?? 1;
  const top = numberText(v.numerator * scale, 1);
  const bottom = numberText(v.denominator, 1);
  const unit = (u: Bilingual | undefined) => (u && u.vi !== '%' ? ` ${u.vi}` : '');
  return numeratorUnit?.vi === denominatorUnit?.vi
    ? `${top} / ${bottom}${unit(denominatorUnit)}`
    : `${top}${unit(numeratorUnit)} / ${bottom}${unit(denominatorUnit)}`;
}

/** A level's name among the levels of the year's hierarchy. */
export const levelName = (levels: readonly Pick<Level, 'id' | 'name'>[], level: string): Bilingual =>
  levels.find((l) => l.id === level)?.name ?? bi(level, level);

export const bandLabel = (catalog: Catalog, band: string): Bilingual =>
  catalog.bands.find((b) => b.id === band)?.label ?? bi(band, band);

export const fieldLabel = (catalog: Catalog, code: string): Bilingual =>
  catalog.fields.find((f) => f.code === code)?.label ??
  catalog.indicators.find((i) => i.code === code)?.label ??
  bi(code, code);

export const sourceOf = (catalog: Catalog, id: string) => catalog.sources.find((s) => s.id === id);

/** A source as it is cited beside a value: its document number, or the system-default words. */
export function citation(catalog: Catalog, id: string): Bilingual {
  const s = sourceOf(catalog, id);
  if (!s) return bi(id, id);
  return s.document ? bi(s.document, s.document) : s.title;
}

/** What a unit's change is measured against, in words: itself, its predecessors combined, or why nothing. */
export function comparedWithLabel(c: ComparedWith): Bilingual {
  if (c.note) return c.note;
  return c.basis === 'predecessors'
    ? bi('các đơn vị tiền thân cộng lại', 'its predecessors combined')
    : bi('chính đơn vị, năm trước', 'the unit itself, last year');
}
