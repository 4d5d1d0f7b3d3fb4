import type { RollupSinks, RollupSources } from '../rollup/ports.ts';
import { hierarchyDayOf } from '../domain/yearHierarchy.ts';
import { levelsOn } from '../hierarchy.ts';
import { getPeriod } from './periods.ts';
import { getReports, yearReportsInUnitOrder } from './reports.ts';
import { openRunOutput, publishedCsvLines, publishRun, saveRollupSummary } from './rollupOutputs.ts';
import { getHierarchyHead, getUnits, unitsInIdOrder } from './units.ts';

/** The rollup's sources in DynamoDB and S3. `pageSize` is for tests that cross page boundaries. */
export function storeRollupSources(opts: { pageSize?: number } = {}): RollupSources {
  return {
    unitsInIdOrder,
    unitsById: getUnits,
    reportsInUnitOrder: (year) => yearReportsInUnitOrder(year, opts.pageSize),
    async hierarchyOf(year) {
      const [period, head] = await Promise.all([getPeriod(year), getHierarchyHead()]);
      const day = hierarchyDayOf(period);
      return { day, levels: levelsOn(head.levels, day) };
    },
    reportsOf: getReports,
    publishedCsvLines,
  };
}

/** A run's files under its own folder of the reports bucket, published by copy; the summary in the table. */
export function storeRollupSinks(year: number, runId: string): RollupSinks {
  return {
    open: (file) => openRunOutput(year, file, runId),
    publish: () => publishRun(year, runId),
    saveSummary: saveRollupSummary,
  };
}
