import { reportingYear } from '#shared/api/params';
import { apiHandler } from '#shared/http/apiHandler';
import { newRunId } from '#shared/rollup/runId';
import { commitClaimed } from '#shared/store/idempotency';
import { startJob } from '#shared/store/jobInvoker';

/** Starts the rollup and answers at once; GET /rollups/{year} shows its progress. A retried key starts nothing. */
export const handler = apiHandler('startRollup', async (req) => {
  const { year } = reportingYear(req);
  const runId = newRunId(req.receivedAt);
  await startJob('rollupYear', { year, requestedBy: req.identity.sub, runId });
  return commitClaimed(
    [],
    req.claim,
    { status: 202, body: { year, runId, status: 'running' } },
    req.receivedAt,
  );
});
