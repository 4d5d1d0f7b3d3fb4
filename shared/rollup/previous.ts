import type { Catalog } from '../catalog/index.ts';
import { parseCsvLine } from './csv.ts';
import { groupKey, type GroupType } from './groups.ts';
import type { RollupSources } from './ports.ts';

const toNumber = (cell: string | undefined): number | null => {
  if (cell === undefined || cell === '') return null;
  const n = Number(cell);
  return Number.isFinite(n) ? n : null;
};

/** Last year's per-unit indicator values, in unit id order, read from its published units.csv. */
export async function* previousUnitValues(
  sources: RollupSources,
  catalog: Catalog,
  year: number,
): AsyncGenerator<{ unitId: string; values: Record<string, number | null> }> {
  let columns: Map<string, number> | undefined;
  for await (const line of sources.publishedCsvLines(year - 1, 'unitsCsv')) {
    const cells = parseCsvLine(line);
    if (!columns) {
      columns = new Map(cells.map((c, i) => [c, i]));
      continue;
    }
    if (cells[columns.get('reported') ?? -1] !== 'true') continue;
    const values: Record<string, number | null> = {};
    for (const indicator of catalog.indicators)
      values[indicator.code] = toNumber(cells[columns.get(indicator.code) ?? -1]);
    yield { unitId: cells[0] as string, values };
  }
}

/** Last year's group values, keyed like this year's groups. Small: a few rows per group and indicator. */
export async function previousGroupValues(
  sources: RollupSources,
  year: number,
): Promise<Map<string, Record<string, number | null>>> {
  const out = new Map<string, Record<string, number | null>>();
  let columns: Map<string, number> | undefined;
  for await (const line of sources.publishedCsvLines(year - 1, 'indicatorsCsv')) {
    const cells = parseCsvLine(line);
    if (!columns) {
      columns = new Map(cells.map((c, i) => [c, i]));
      continue;
    }
    const col = (name: string) => cells[columns?.get(name) ?? -1];
    const key = groupKey(col('group_type') as GroupType, col('group_id') ?? '');
    const values = out.get(key) ?? {};
    values[col('indicator') ?? ''] = toNumber(col('value'));
    out.set(key, values);
  }
  return out;
}
