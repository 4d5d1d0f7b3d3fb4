import type { ReportState } from '../domain/report.ts';
import type { Unit } from '../hierarchy.ts';
import type { OutputStream } from '../store/multipartOutput.ts';
import type { RollupFile, RollupSummary } from '../store/rollupOutputs.ts';

/*
 * What the yearly rollup reads and writes, as parameters: the store gives the DynamoDB and S3 versions
 * (shared/store/rollupPorts.ts), a test gives arrays. The pass itself never reaches the store.
 */

export interface RollupSources {
  /** Every unit of the hierarchy, in unit id order. */
  unitsInIdOrder(): AsyncIterable<Unit>;
  /** Units by id; ids that are not found are left out. */
  unitsById(ids: readonly string[]): Promise<ReadonlyMap<string, Unit>>;
  /** A year's current reports, in unit id order. */
  reportsInUnitOrder(year: number): AsyncIterable<ReportState>;
  /** The lines of an earlier year's published CSV, BOM stripped; none when that year has no rollup. */
  publishedCsvLines(year: number, file: 'unitsCsv' | 'indicatorsCsv'): AsyncIterable<string>;
}

export interface RollupSinks {
  /** A file of this run, written as it is produced; nothing is published until `publish`. */
  open(file: RollupFile): OutputStream;
  /** Makes every closed file of this run the published one. */
  publish(): Promise<void>;
  /** The year's run summary (running, succeeded, failed). */
  saveSummary(summary: RollupSummary): Promise<void>;
}

export type { OutputStream, RollupFile, RollupSummary };
