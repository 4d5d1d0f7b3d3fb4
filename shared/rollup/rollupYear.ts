import type { Catalog } from '../catalog/index.ts';
import type { ReportState } from '../domain/report.ts';
import type { Unit } from '../hierarchy.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { indicatorsCsv, stableJson, unitsCsvHeader, unitsCsvRow } from './files.ts';
import { GroupAccumulator, type GroupResult } from './groups.ts';
import { HTML_MISSING_ROWS, HTML_RANKING_ROWS, renderReportHtml } from './html.ts';
import type { OutputStream, RollupFile, RollupSinks, RollupSources } from './ports.ts';
import { previousGroupValues, previousUnitValues } from './previous.ts';
import { Ranking } from './ranking.ts';
import { Distributions, VerificationGaps } from './summaries.ts';
import { unitRow } from './unitRow.ts';

export interface RollupRun {
  readonly year: number;
  readonly catalog: Catalog;
  readonly runId: string;
  readonly requestedBy: string;
  readonly now: () => Date;
  readonly onProgress?: (p: { units: number; reports: number }) => void;
  readonly sources: RollupSources;
  readonly sinks: RollupSinks;
}

const iterate = <T>(items: AsyncIterable<T>): AsyncIterator<T> => items[Symbol.asyncIterator]();

/** Pulls items of a sorted stream up to `id`, handing back the one equal to it. */
function cursor<T>(it: AsyncIterator<T>, idOf: (t: T) => string) {
  let head: IteratorResult<T> | undefined;
  let skipped = 0;
  return {
    async take(id: string): Promise<T | undefined> {
      head ??= await it.next();
      while (!head.done && idOf(head.value) < id) {
        skipped += 1;
        head = await it.next();
      }
      if (head.done || idOf(head.value) !== id) return undefined;
      const found = head.value;
      head = await it.next();
      return found;
    },
    async rest(): Promise<number> {
      head ??= await it.next();
      while (!head.done) {
        skipped += 1;
        head = await it.next();
      }
      return skipped;
    },
  };
}

async function parentChain(sources: RollupSources, groups: GroupAccumulator): Promise<Map<string, Unit>> {
  const known = new Map<string, Unit>();
  let wanted = groups.parentIds();
  while (wanted.length) {
    const found = await sources.unitsById(wanted);
    for (const [id, unit] of found) known.set(id, unit);
    wanted = [
      ...new Set([...found.values()].map((u) => u.parentId).filter((p): p is string => !!p && !known.has(p))),
    ];
  }
  return known;
}

/**
 * The yearly rollup: one streaming pass over the year's units, reports and last year's published values, all
 * in unit id order, writing the files as it goes. Files go to a run folder first and are published only when
 * every one is complete, so a failed run leaves the previous outputs as they were.
 */
export async function rollupYear(run: RollupRun): Promise<{ counts: Record<string, number> }> {
  const { year, catalog, runId, sources, sinks } = run;
  const startedAt = run.now().toISOString();
  await sinks.saveSummary({ year, status: 'running', runId, requestedBy: run.requestedBy, startedAt });
  const outputs: Partial<Record<RollupFile, OutputStream>> = {};
  const open = (file: RollupFile) => (outputs[file] = sinks.open(file));
  try {
    const json = open('json');
    const units = open('unitsCsv');
    const groups = new GroupAccumulator(catalog);
    const distributions = new Distributions(catalog);
    const gaps = new VerificationGaps();
    const ranking = new Ranking();
    const missing: { unitId: string; status: string }[] = [];
    const reports = cursor<ReportState>(iterate(sources.reportsInUnitOrder(year)), (r) => r.unitId);
    const previous = cursor(previousUnitValues(sources, catalog, year), (p) => p.unitId);
    const previousGroups = await previousGroupValues(sources, year);
    await json.write(`{"year":${year},"catalogVersion":${JSON.stringify(catalog.version)},"units":[`);
    await units.write(unitsCsvHeader(catalog));
    let seen = 0;
    let reported = 0;
    for await (const unit of sources.unitsInIdOrder()) {
      const report = await reports.take(unit.id);
      const before = await previous.take(unit.id);
      if (!unit.reports && !report) continue;
      const row = unitRow(catalog, unit, report, before?.values);
      groups.add(row);
      distributions.add(row);
      gaps.add(row);
      if (row.score) ranking.add({ unitId: row.unitId, level: row.level, ...row.score });
      if (row.expected && !row.reported) missing.push({ unitId: row.unitId, status: row.status });
      await json.write(`${seen ? ',' : ''}${stableJson(row)}`);
      await units.write(unitsCsvRow(catalog, row));
      seen += 1;
      if (row.reported) reported += 1;
      if (seen % 500 === 0) run.onProgress?.({ units: seen, reports: reported });
    }
    const orphanReports = await reports.rest();
    await previous.rest();

    const parents = await parentChain(sources, groups);
    groups.rollUpParents(new Map([...parents].map(([id, u]) => [id, u.parentId])));
    const groupResults = groups.results(previousGroups);
    const levelNames = new Map<string, Bilingual>(catalog.levels.map((l) => [l.id, l.name]));
    const groupName = (g: GroupResult): Bilingual =>
      g.type === 'overall'
        ? bi('Toàn tỉnh', 'Province overall')
        : g.type === 'level'
          ? (levelNames.get(g.id) ?? bi(g.id, g.id))
          : bi(
              `Trực thuộc ${parents.get(g.id)?.name.vi ?? g.id}`,
              `Under ${parents.get(g.id)?.name.en ?? g.id}`,
            );
    ranking.rank();
    const topRanked = ranking.top(HTML_RANKING_ROWS);
    // Names only for what the HTML report lists, fetched at the end: holding every unit's name would make
    // memory grow with the number of units.
    const listed = [
      ...topRanked.map((r) => r.unitId),
      ...missing.slice(0, HTML_MISSING_ROWS).map((m) => m.unitId),
    ];
    const names = new Map([...(await sources.unitsById(listed))].map(([id, u]) => [id, u.name]));
    const overall = groupResults.find((g) => g.type === 'overall')?.completeness;
    const counts = { units: seen, reported, orphanReports, ...(overall ?? {}) };

    await json.write(
      `],"groups":${stableJson(groupResults.map((g) => ({ ...g, name: groupName(g) })))}` +
        `,"completeness":${stableJson({ ...overall, missingUnits: missing })},"ranking":[`,
    );
    // A row at a time, like the units: one string of the whole ranking would grow with the province.
    for (let k = 0; k < ranking.size; k++) {
      await json.write(`${k ? ',' : ''}${stableJson(ranking.at(k))}`);
    }
    await json.write(
      `]` +
        `,"distributions":${stableJson(distributions.result())}` +
        `,"verification":${stableJson(gaps.result())}` +
        `,"orphanReports":${orphanReports}}\n`,
    );
    const indicators = open('indicatorsCsv');
    await indicators.write(indicatorsCsv(catalog, groupResults, groupName));
    const html = open('html');
    await html.write(
      renderReportHtml({
        catalog,
        year,
        groups: groupResults,
        names: groupName,
        distributions: distributions.result(),
        ranking: topRanked,
        unitNames: names,
        missing,
        verification: gaps.result(),
      }),
    );
    for (const out of Object.values(outputs)) await out.close();
    run.onProgress?.({ units: seen, reports: reported });
    await sinks.publish();
    await sinks.saveSummary({
      year,
      status: 'succeeded',
      runId,
      requestedBy: run.requestedBy,
      startedAt,
      finishedAt: run.now().toISOString(),
      counts,
      catalogVersion: catalog.version,
    });
    return { counts };
  } catch (error) {
    await Promise.all(Object.values(outputs).map((o) => o.abort()));
    await sinks
      .saveSummary({
        year,
        status: 'failed',
        runId,
        requestedBy: run.requestedBy,
        startedAt,
        finishedAt: run.now().toISOString(),
        error: error instanceof Error ? error.message : String(error),
      })
      .catch(() => undefined);
    throw error;
  }
}
