import { reportingYear } from '#shared/api/params';
import { apiHandler } from '#shared/http/apiHandler';
import { runAsSeen } from '#shared/domain/rollupRun';
import { listRollupRuns } from '#shared/store/rollupSummaries';

/** Who ran each of the year's rollups, when, and how it ended; an empty list before the first run. */
export const handler = apiHandler('listRollupRuns', async (req) => {
  const { year } = reportingYear(req);
  const runs = (await listRollupRuns(year)).map((run) => runAsSeen(run, req.receivedAt));
  return { body: { year, runs } };
});
