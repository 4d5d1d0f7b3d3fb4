import type { CatalogField, FieldValue } from '#shared/catalog/types';
import { L, fmtIsoDate, fmtNumber } from './i18n.ts';
import { M } from './messages.ts';

/** A field's value as a reader expects it: grouped numbers with units, Có/Không, the choice's label. */
export function formatValue(field: CatalogField | undefined, value: FieldValue | undefined): string {
  if (value === undefined || value === null || value === '') return L(M.empty);
  if (typeof value === 'boolean') return L(value ? M.yes : M.no);
  if (typeof value === 'number') {
    const unit = field && 'unit' in field && field.unit ? ` ${L(field.unit)}` : '';
    return `${fmtNumber(value, 2)}${unit}`;
  }
  if (field?.type === 'date') return fmtIsoDate(value);
  if (field?.type === 'choice') return L(field.choices.find((c) => c.value === value)?.label) || value;
  return value;
}
