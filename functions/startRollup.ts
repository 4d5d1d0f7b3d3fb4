import { reportingYear } from '#shared/api/params';
import { apiHandler } from '#shared/http/apiHandler';
import { newRunId, startRollup } from '#shared/rollup/runner';

export const handler = apiHandler('startRollup', async (req) => {
  const { year } = reportingYear(req);
  const runId = newRunId(req.receivedAt);
  await startRollup({ year, requestedBy: req.identity.sub }, runId);
  return { status: 202, body: { year, runId, status: 'running' } };
});
