import { reportingYear } from '#shared/api/params';
import { startRollupRun } from '#shared/api/rollupStart';
import { apiHandler } from '#shared/http/apiHandler';

/** Starts the rollup and answers at once; GET /rollups/{year} shows its progress. A retried key starts nothing. */
export const handler = apiHandler('startRollup', async (req) => startRollupRun(req, reportingYear(req).year));
