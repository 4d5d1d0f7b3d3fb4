import { logger } from '#shared/http/logger';
import { newRunId, previousReportingYear, runRollup } from '#shared/rollup/runner';

interface RollupEvent {
  readonly year?: number;
  readonly requestedBy?: string;
  readonly runId?: string;
}

/**
 * The yearly rollup. EventBridge Scheduler calls it at 00:30 on 1 February (Vietnam time) with no year: it
 * rolls up the year just ended. An admin's POST /rollups/{year} invokes it with a year. A failure throws, so
 * the scheduler retries and then drops the event into the dead-letter queue, which raises an alarm.
 */
export const handler = async (event: RollupEvent = {}) => {
  const now = new Date();
  const year = event.year ?? previousReportingYear(now);
  const runId = event.runId ?? newRunId(now);
  const result = await runRollup({ year, requestedBy: event.requestedBy ?? 'scheduler' }, runId);
  logger.info('rollup finished', { year, runId, ...result.counts });
  return { year, runId, ...result };
};
