import type { RollupSinks, RollupSources } from '../rollup/ports.ts';
import { yearReportsInUnitOrder } from './reports.ts';
import { openRunOutput, publishedCsvLines, publishRun, saveRollupSummary } from './rollupOutputs.ts';
import { getUnits, unitsInIdOrder } from './units.ts';

/** The rollup's sources in DynamoDB and S3. `pageSize` is for tests that cross page boundaries. */
export function storeRollupSources(opts: { pageSize?: number } = {}): RollupSources {
  return {
    unitsInIdOrder,
    unitsById: getUnits,
    reportsInUnitOrder: (year) => yearReportsInUnitOrder(year, opts.pageSize),
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
