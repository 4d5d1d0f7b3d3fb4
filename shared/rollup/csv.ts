/** CSV for Excel users: UTF-8 with a BOM (so diacritics show), CRLF, RFC 4180 quoting. */
export const BOM = '\uFEFF';

/** Numbers in data files are rounded to 4 decimals: enough for percentages, stable across runs. */
// `|| 0` turns -0 into 0, so a tiny negative change never shows as "-0".
export const round = (v: number): number => Math.round(v * 10_000) / 10_000 || 0;

/** What a text cell needs more than itself for: a line break, a quote or comma, or a formula's first character. */
const NEEDS_CARE = /[\r\n",]|^[=+\-@\t]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(round(value)) : '';
  let text = String(value);
  if (!NEEDS_CARE.test(text)) return text;
  // One record per line, always: newlines inside a value become spaces.
  text = text.replace(/[\r\n]+/g, ' ');
  // A cell Excel would run as a formula is written as text.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of the cells. */
export function csvLine(cells: readonly unknown[]): string {
  let out = '';
  for (let k = 0; k < cells.length; k++) {
    if (k) out += ',';
    out += cell(cells[k]);
  }
  return `${out}\r\n`;
}

/** One CSV line of what each column makes of the row, without an array of the cells between. */
export function csvRow<T>(columns: readonly { readonly csv: (row: T) => unknown }[], row: T): string {
  let out = '';
  for (let k = 0; k < columns.length; k++) {
    if (k) out += ',';
    out += cell((columns[k] as { readonly csv: (row: T) => unknown }).csv(row));
  }
  return `${out}\r\n`;
}

/** One CSV line back into cells (the files this module writes: quoted cells, doubled quotes, no newlines inside). */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = '';
      i += 1;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i += 1;
          break;
        } else text += line[i++];
      }
      cells.push(text);
      i += 1;
    } else {
      const end = line.indexOf(',', i);
      const stop = end < 0 ? line.length : end;
      cells.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return cells;
}
