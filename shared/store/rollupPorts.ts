import type { RollupSinks, RollupSources } from '../rollup/ports.ts';
import { hierarchyDayOf } from '../domain/yearHierarchy.ts';
import { levelsOn } from '../hierarchy.ts';
import { getPeriod } from './periods.ts';
import { getReports, yearReportsInUnitOrder } from './reports.ts';
import { openRunOutput, publishRun, saveRollupSummary } from './rollupOutputs.ts';
import { getTargetSet } from './targetSets.ts';
import { getHierarchyHead, getUnits, unitsInIdOrder } from './units.ts';

/** The rollup's sources in DynamoDB and S3. `pageSize` is for tests that cross page boundaries. */
export function storeRollupSources(opts: { pageSize?: number } = {}): RollupSources {
  return {
    unitsInIdOrder: () => unitsInIdOrder(opts.pageSize),
    unitsById: getUnits,
    reportsInUnitOrder: (year) => yearReportsInUnitOrder(year, opts.pageSize),
    targetSet: getTargetSet,
    async hierarchyOf(year) {
      const [period, head] = await Promise.all([getPeriod(year), getHierarchyHead()]);
      const day = hierarchyDayOf(period);
      return { day, levels: levelsOn(head.levels, day) };
    },
    reportsOf: getReports,
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
