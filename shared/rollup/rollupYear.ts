import { applyTargetSet, defaultTargetSet, targetSetName, type Catalog } from '../catalog/index.ts';
import type { ReportState } from '../domain/report.ts';
import { inYearHierarchy } from '../domain/yearHierarchy.ts';
import type { Unit } from '../hierarchy.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { sortedCursor, startedEarly } from './cursor.ts';
import { levelName } from './display.ts';
import {
  indicatorColumns,
  indicatorLines,
  indicatorsCsv,
  sheetColumns,
  sheetRow,
  stableJson,
  unitColumns,
  unitsCsvHeader,
  unitsCsvRow,
} from './files.ts';
import { GroupAccumulator, type GroupResult } from './groups.ts';
import {
  HTML_COMPARISON_ROWS,
  HTML_MISSING_ROWS,
  HTML_RANKING_ROWS,
  renderReportHtml,
  type UnitComparison,
} from './html.ts';
import type { OutputStream, RollupFile, RollupSinks, RollupSources } from './ports.ts';
import { lastYearReports, PreviousYear } from './previousYear.ts';
import { Ranking, type RankedEntry } from './ranking.ts';
import {
  COMPLETENESS_SHEET,
  completenessColumns,
  GAP_SHEET,
  gapColumns,
  INDICATORS_SHEET,
  UNITS_SHEET,
  type GapLine,
} from './sheets.ts';
import { Distributions, VerificationGaps } from './summaries.ts';
import { unitRow } from './unitRow.ts';
import { openWorkbook } from './workbook.ts';

export interface RollupRun {
  readonly year: number;
  /** The year's catalog: its formulas, and the default targets a target set may replace. */
  readonly catalog: Catalog;
  /** Last year's catalog, for last year's figures; without one there is nothing to compare with. */
  readonly previousCatalog?: Catalog;
  readonly runId: string;
  readonly requestedBy: string;
  readonly now: () => Date;
  readonly onProgress?: (p: { units: number; reports: number }) => void;
  readonly sources: RollupSources;
  readonly sinks: RollupSinks;
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
 * The yearly rollup: one streaming pass over the year's units, its reports and last year's reports, all in
 * unit id order, writing the files as it goes. Every figure is official (verified where auditors recorded a
 * value) and scored by the year's target set, which every output names. Files go to a run folder first and
 * are published only when every one is complete, so a failed run leaves the previous outputs as they were.
 */
export async function rollupYear(run: RollupRun): Promise<{ counts: Record<string, number> }> {
  const { year, runId, sources, sinks } = run;
  const asOf = run.now();
  const startedAt = asOf.toISOString();
  await sinks.saveSummary({ year, status: 'running', runId, requestedBy: run.requestedBy, startedAt });
  const outputs: Partial<Record<RollupFile, OutputStream>> = {};
  const open = (file: RollupFile) => (outputs[file] = sinks.open(file));
  // A file is closed as soon as its last byte is written, so that its last upload overlaps the work on the
  // others; the run waits for every close before it publishes.
  const closing: Promise<void>[] = [];
  const finish = (out: OutputStream) => {
    const closed = out.close();
    // Its failure is the run's when the closes are awaited; until then it must not count as unhandled.
    closed.catch(() => undefined);
    closing.push(closed);
  };
  try {
    // The three streams start reading now, together and while the run sets up (shared/rollup/cursor.ts).
    const unitStream = startedEarly(sources.unitsInIdOrder());
    const reports = sortedCursor<ReportState>(sources.reportsInUnitOrder(year), (r) => r.unitId);
    const previousReports = lastYearReports(sources, year);
    const json = open('json');
    const units = open('unitsCsv');
    // Loading the workbook's writer is CPU work the run would otherwise do after these reads, not during them.
    const xlsx = open('xlsx');
    const opening = openWorkbook(xlsx, run.now());
    // A failure here is the run's at the await below; until then it must not count as unhandled.
    opening.catch(() => undefined);
    // The year is rolled up by its own hierarchy (domain/yearHierarchy.ts), and compared with last year's.
    const [thisYear, lastYear, savedTargetSet] = await Promise.all([
      sources.hierarchyOf(year),
      sources.hierarchyOf(year - 1),
      sources.targetSet(year),
    ]);
    const targetSet = savedTargetSet ?? defaultTargetSet(run.catalog);
    const catalog = applyTargetSet(run.catalog, targetSet);
    const targetSetId = targetSetName(targetSet);
    const book = await opening;
    const columns = unitColumns(catalog, thisYear.levels);
    const unitSheetColumns = sheetColumns(columns);
    const unitSheet = book.sheet(UNITS_SHEET, unitSheetColumns);
    const groups = new GroupAccumulator(catalog);
    const distributions = new Distributions(catalog);
    const gaps = new VerificationGaps();
    const gapLines: GapLine[] = [];
    const ranking = new Ranking();
    const missing: { unitId: string; status: string }[] = [];
    const comparisons = { listed: [] as UnitComparison[], total: 0 };
    // The names the HTML shows, kept as the pass meets them for what it lists (bounded by its row limits), so
    // that only the top of the ranking and last year's predecessors are read at the end: BatchGetItem is slow
    // next to the pass's queries (0.5-0.7 s for 600 names at 10k units on DynamoDB Local, a sixth of the run).
    const names = new Map<string, Bilingual>();
    const previous = new PreviousYear(sources, year, run.previousCatalog, lastYear.day, previousReports);
    await json.write(
      `{"year":${year},"catalogVersion":${JSON.stringify(catalog.version)}` +
        `,"targetSet":${stableJson({ name: targetSetId, ...targetSet })}` +
        `,"previousYear":${year - 1},"units":[`,
    );
    await units.write(unitsCsvHeader(columns));
    let seen = 0;
    let reported = 0;
    for await (const unit of unitStream) {
      // A unit outside the year's hierarchy is not part of the year: a report it filed is an orphan.
      if (!inYearHierarchy(unit, thisYear.day)) continue;
      const report = await reports.take(unit.id);
      const before = await previous.figuresFor(unit);
      if (!unit.reports && !report) continue;
      const row = unitRow(catalog, unit, report, before, asOf);
      groups.add(row);
      groups.addPrevious(unit, before);
      distributions.add(row);
      gaps.add(row);
      if (row.verified) {
        for (const [field, f] of Object.entries(row.verified.fields))
          gapLines.push({ row, field, figure: f });
      }
      if (row.score) ranking.add({ unitId: row.unitId, level: row.level, ...row.score });
      if (row.expected && !row.reported) {
        if (missing.length < HTML_MISSING_ROWS) names.set(row.unitId, row.name);
        missing.push({ unitId: row.unitId, status: row.status });
      }
      if (row.comparedWith && row.comparedWith.basis !== 'same') {
        comparisons.total += 1;
        if (comparisons.listed.length < HTML_COMPARISON_ROWS) {
          names.set(row.unitId, row.name);
          comparisons.listed.push({ unitId: row.unitId, comparedWith: row.comparedWith });
        }
      }
      await json.write(`${seen ? ',' : ''}${stableJson(row)}`);
      await units.write(unitsCsvRow(columns, row));
      unitSheet.add(sheetRow(unitSheetColumns, row));
      seen += 1;
      if (row.reported) reported += 1;
      if (seen % 500 === 0) {
        await book.drain();
        run.onProgress?.({ units: seen, reports: reported });
      }
    }
    unitSheet.done();
    finish(units);
    const orphanReports = await reports.rest();
    const previousOrphanReports = await previous.orphans();

    const parents = await parentChain(sources, groups);
    groups.rollUpParents(new Map([...parents].map(([id, u]) => [id, u.parentId])));
    const groupResults = groups.results(thisYear.levels);
    const groupName = (g: GroupResult): Bilingual =>
      g.type === 'overall'
        ? bi('Toàn tỉnh', 'Province overall')
        : g.type === 'level'
          ? levelName(thisYear.levels, g.id)
          : bi(
              `Trực thuộc ${parents.get(g.id)?.name.vi ?? g.id}`,
              `Under ${parents.get(g.id)?.name.en ?? g.id}`,
            );
    const levelOrder = thisYear.levels.map((l) => l.id);
    ranking.rank(levelOrder);
    // The HTML lists the first rows of each level in rank order, a fixed number even where scores tie (all of
    // a tie would make it grow with the province); the files have the whole ranking.
    const topRanked: RankedEntry[] = [];
    const rankedUnits = new Map<string, number>();
    for (let k = 0; k < ranking.size; k++) {
      const e = ranking.at(k);
      const n = (rankedUnits.get(e.level) ?? 0) + 1;
      rankedUnits.set(e.level, n);
      if (n <= HTML_RANKING_ROWS) topRanked.push(e);
    }
    const unnamed = [
      ...topRanked.map((r) => r.unitId),
      ...comparisons.listed.flatMap((c) => c.comparedWith.predecessors ?? []),
    ].filter((id) => !names.has(id));
    for (const [id, u] of await sources.unitsById([...new Set(unnamed)])) names.set(id, u.name);
    for (const g of gapLines) names.set(g.row.unitId, g.row.name);
    const overall = groupResults.find((g) => g.type === 'overall');
    const verification = { states: overall?.verification, ...gaps.result() };
    const counts = {
      units: seen,
      reported,
      orphanReports,
      previousOrphanReports,
      ...(overall?.completeness ?? {}),
      accepted: overall?.verification.accepted ?? 0,
      preliminary: overall?.verification.preliminary ?? 0,
      underReview: overall?.verification.under_review ?? 0,
      selfReported: overall?.verification.self_reported ?? 0,
    };

    await json.write(
      `],"groups":${stableJson(groupResults.map((g) => ({ ...g, name: groupName(g) })))}` +
        `,"completeness":${stableJson({ ...overall?.completeness, missingUnits: missing })}` +
        `,"verification":${stableJson(verification)}` +
        `,"ranking":[`,
    );
    // Level by level, a row at a time, like the units: one string of the whole ranking would grow with the
    // province.
    let level: string | undefined;
    for (let k = 0; k < ranking.size; k++) {
      const e = ranking.at(k);
      if (e.level !== level) {
        await json.write(
          `${level === undefined ? '' : ']},'}{"level":${JSON.stringify(e.level)},"name":${stableJson(levelName(thisYear.levels, e.level))},"units":[`,
        );
        level = e.level;
      } else await json.write(',');
      await json.write(stableJson(e));
    }
    await json.write(
      `${level === undefined ? '' : ']}'}]` +
        `,"distributions":${stableJson(distributions.result())}` +
        `,"orphanReports":${orphanReports},"previousOrphanReports":${previousOrphanReports}}\n`,
    );
    finish(json);

    const lines = indicatorLines(catalog, groupResults, groupName);
    const lineColumns = indicatorColumns(catalog);
    const indicators = open('indicatorsCsv');
    await indicators.write(indicatorsCsv(lineColumns, lines));
    finish(indicators);
    const indicatorSheet = book.sheet(INDICATORS_SHEET, lineColumns);
    for (const l of lines) indicatorSheet.add(sheetRow(lineColumns, l));
    indicatorSheet.done();
    const completeness = completenessColumns();
    const completenessSheet = book.sheet(COMPLETENESS_SHEET, completeness);
    for (const g of groupResults)
      completenessSheet.add(sheetRow(completeness, { group: g, name: groupName(g) }));
    completenessSheet.done();
    const gapColumnList = gapColumns(catalog, thisYear.levels);
    const gapSheet = book.sheet(GAP_SHEET, gapColumnList);
    for (const g of gapLines) gapSheet.add(sheetRow(gapColumnList, g));
    gapSheet.done();
    await book.close();
    finish(xlsx);

    const html = open('html');
    await html.write(
      renderReportHtml({
        catalog,
        levels: thisYear.levels,
        year,
        targetSet: targetSetId,
        groups: groupResults,
        names: groupName,
        distributions: distributions.result(),
        ranking: topRanked,
        rankedUnits,
        unitNames: names,
        missing,
        verification,
        gapLines,
        comparisons,
      }),
    );
    finish(html);
    await Promise.all(closing);
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
      targetSet: targetSetId,
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
