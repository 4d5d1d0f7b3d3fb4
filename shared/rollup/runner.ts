import { catalogFor } from '../catalog/index.ts';
import { NotFoundError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import { rollupYear } from './rollupYear.ts';

export interface RollupRequest {
  readonly year: number;
  readonly requestedBy: string;
}

export { newRunId } from './runId.ts';

/** The year before the one it is now in Vietnam (UTC+7): what a run on 1 February reports on. */
export function previousReportingYear(now: Date): number {
  return new Date(now.getTime() + 7 * 3600_000).getUTCFullYear() - 1;
}

export async function runRollup(request: RollupRequest, runId: string) {
  const catalog = catalogFor(request.year);
  if (!catalog) {
    throw new NotFoundError(
      bi(`Không có danh mục chỉ tiêu năm ${request.year}.`, `No catalog for ${request.year}.`),
      {
        code: 'NO_REPORTING_PERIOD',
      },
    );
  }
  return rollupYear({ ...request, catalog, runId, now: () => new Date() });
}
