import { emptyReport, type ReportState } from '#shared/domain/report';
import type { Unit } from '#shared/hierarchy';
import type {
  OutputStream,
  RollupFile,
  RollupSinks,
  RollupSources,
  RollupSummary,
} from '#shared/rollup/ports';

/**
 * The rollup's sources and sinks over arrays: units and reports in memory, published files as strings keyed
 * by year and file, summaries in the order they were saved. `failOn` makes a write to one file fail.
 */
export function memoryRollupStore(data: { units: readonly Unit[]; reports: readonly ReportState[] }) {
  const published = new Map<string, string>();
  const summaries: RollupSummary[] = [];
  const key = (year: number, file: RollupFile) => `${year}/${file}`;
  const byId = new Map(data.units.map((u) => [u.id, u]));
  const sorted = <T>(items: readonly T[], id: (t: T) => string) =>
    [...items].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));

  async function* each<T>(items: readonly T[]): AsyncGenerator<T> {
    for (const item of items) yield item;
  }

  const sources: RollupSources = {
    unitsInIdOrder: () => each(sorted(data.units, (u) => u.id)),
    unitsById: async (ids) =>
      new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id) as Unit]] : []))),
    reportsInUnitOrder: (year) =>
      each(
        sorted(
          data.reports.filter((r) => r.year === year),
          (r) => r.unitId,
        ),
      ),
    async *publishedCsvLines(year, file) {
      const text = published.get(key(year, file));
      if (text === undefined) return;
      const lines = text.replace(/^\uFEFF/, '').split('\r\n');
      if (lines[lines.length - 1] === '') lines.pop();
      yield* lines;
    },
  };

  function sinks(year: number, opts: { failOn?: RollupFile } = {}): RollupSinks {
    const staged = new Map<RollupFile, string>();
    return {
      open(file): OutputStream {
        let text = '';
        let closed = false;
        return {
          async write(chunk) {
            if (closed) throw new Error(`${file} is already closed`);
            if (opts.failOn === file) throw new Error(`cannot write ${file}`);
            text += chunk;
          },
          async close() {
            closed = true;
            staged.set(file, text);
          },
          async abort() {
            closed = true;
            staged.delete(file);
          },
        };
      },
      async publish() {
        for (const [file, text] of staged) published.set(key(year, file), text);
      },
      async saveSummary(summary) {
        summaries.push(summary);
      },
    };
  }

  return {
    sources,
    sinks,
    published: (year: number, file: RollupFile) => published.get(key(year, file)),
    summaries,
  };
}

/** A report in a given status, as the domain's transitions would leave it. */
export function reportOf(
  year: number,
  unitId: string,
  values: ReportState['values'],
  patch: Partial<ReportState> = {},
): ReportState {
  return {
    ...emptyReport(year, unitId),
    status: 'submitted',
    version: 2,
    submissions: 1,
    values,
    createdAt: `${year + 1}-01-10T02:00:00.000Z`,
    updatedAt: `${year + 1}-01-20T02:00:00.000Z`,
    updatedBy: `agency-${unitId}`,
    submittedAt: `${year + 1}-01-20T02:00:00.000Z`,
    firstSubmittedAt: `${year + 1}-01-20T02:00:00.000Z`,
    ...patch,
  };
}
