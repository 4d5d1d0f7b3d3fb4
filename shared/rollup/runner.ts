import { catalogFor } from '../catalog/index.ts';
import { NotFoundError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import { storeRollupSinks, storeRollupSources } from '../store/rollupPorts.ts';
import { rollupYear, type RollupRun } from './rollupYear.ts';

export interface RollupRequest {
  readonly year: number;
  readonly requestedBy: string;
}

export interface RollupOptions {
  /** @default the clock */
  readonly now?: () => Date;
  readonly onProgress?: RollupRun['onProgress'];
  /** Page size for reading reports; tests use small pages to cross page boundaries. @default DynamoDB's */
  readonly pageSize?: number;
}

export { newRunId } from './runId.ts';

/** The year before the one it is now in Vietnam (UTC+7): what a run on 1 February reports on. */
export function previousReportingYear(now: Date): number {
  return new Date(now.getTime() + 7 * 3600_000).getUTCFullYear() - 1;
}

/**
 * The one way a rollup runs against the store: the Lambda job, `npm run rollup` and the bench all call it,
 * with the year's catalog and the store's sources and sinks.
 */
export async function runRollup(request: RollupRequest, runId: string, opts: RollupOptions = {}) {
  const catalog = catalogFor(request.year);
  if (!catalog) {
    throw new NotFoundError(
      bi(`Không có danh mục chỉ tiêu năm ${request.year}.`, `No catalog for ${request.year}.`),
      {
        code: 'NO_REPORTING_PERIOD',
      },
    );
  }
  return rollupYear({
    ...request,
    catalog,
    runId,
    now: opts.now ?? (() => new Date()),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    sources: storeRollupSources(opts.pageSize ? { pageSize: opts.pageSize } : {}),
    sinks: storeRollupSinks(request.year, runId),
  });
}
