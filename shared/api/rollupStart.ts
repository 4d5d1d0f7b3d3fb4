import { ConflictError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import type { ApiResult, AuthedRequest } from '../http/types.ts';
import { newRunId } from '../rollup/runId.ts';
import { commitClaimed } from '../store/idempotency.ts';
import { startJob } from '../store/jobInvoker.ts';
import { getRollupSummary, rollupSummaryWrites, saveRollupSummary } from '../store/rollupSummaries.ts';
import { WriteConflict } from '../store/transact.ts';
import { withAdminAudit } from './audit.ts';
import { CODE } from '../contract/errors.ts';

/**
 * One rollup per year at a time: the run's claim on the year (its `running` summary), its audit entry and the
 * idempotency claim land in one transaction, and only then is the job started. A start while another run is
 * running is 409 and names that run.
 */
export async function startRollupRun(req: AuthedRequest, year: number): Promise<ApiResult> {
  const runId = newRunId(req.receivedAt);
  const summary = {
    year,
    status: 'running' as const,
    runId,
    requestedBy: req.identity.sub,
    startedAt: req.receivedAt.toISOString(),
  };
  let result: ApiResult;
  try {
    result = await withAdminAudit(
      req,
      [{ year, action: 'rollup.start', details: { runId } }],
      (auditWrites) =>
        commitClaimed(
          [...rollupSummaryWrites(summary, req.receivedAt), ...auditWrites],
          req.claim,
          { status: 202, body: { year, runId, status: 'running' } },
          req.receivedAt,
        ),
    );
  } catch (error) {
    if (!(error instanceof WriteConflict) || error.reason !== 'ROLLUP_RUNNING') throw error;
    const running = await getRollupSummary(year);
    const id = running?.runId ?? 'unknown';
    throw new ConflictError(
      bi(
        `Đang chạy tổng hợp năm ${year} (lượt ${id}).`,
        `The ${year} rollup is already running (run ${id}).`,
      ),
      {
        code: CODE.ROLLUP_RUNNING,
        cause: error,
        headers: { 'x-running-run-id': id },
        issues: [
          {
            path: 'runId',
            code: 'rollup_running',
            message: bi(`Lượt đang chạy: ${id}`, `Running run: ${id}`),
          },
        ],
      },
    );
  }
  // A replayed key answers with the first run's id and starts nothing.
  const body = result.body as { runId: string };
  if (body.runId !== runId) return result;
  try {
    await startJob('rollupYear', { year, requestedBy: req.identity.sub, runId });
  } catch (error) {
    // The claim would otherwise hold the year until it goes stale.
    await saveRollupSummary({
      ...summary,
      status: 'failed',
      finishedAt: new Date().toISOString(),
      error: 'not started',
    }).catch(() => undefined);
    throw error;
  }
  return result;
}
