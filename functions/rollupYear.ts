import { logger } from '#shared/http/logger';
import { startJob } from '#shared/store/jobInvoker';
import { WriteConflict } from '#shared/store/transact';
import { RUN_ID_PATTERN } from '#shared/rollup/runId';
import { newRunId, previousReportingYear, runRollup } from '#shared/rollup/runner';

interface RollupEvent {
  readonly year?: number;
  readonly requestedBy?: string;
  readonly runId?: string;
}

/** The invocation payload is checked where it enters: the run id and the year become S3 keys. */
function checked(event: RollupEvent): RollupEvent {
  const { year, runId, requestedBy } = event;
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    throw new TypeError(`rollupYear: year ${JSON.stringify(year)} is not a reporting year.`);
  }
  if (runId !== undefined && !(typeof runId === 'string' && RUN_ID_PATTERN.test(runId))) {
    throw new TypeError(`rollupYear: runId ${JSON.stringify(runId)} does not match ${RUN_ID_PATTERN}.`);
  }
  if (requestedBy !== undefined && !(typeof requestedBy === 'string' && requestedBy.length <= 128)) {
    throw new TypeError('rollupYear: requestedBy must be a string of at most 128 characters.');
  }
  return event;
}

/**
 * The yearly rollup. EventBridge Scheduler calls it at 00:30 on 1 February (Vietnam time) with no year: it
 * rolls up the year just ended. An admin's POST /rollups/{year} invokes it with a year. A failure throws, so
 * the scheduler retries and then drops the event into the dead-letter queue, which raises an alarm.
 */
export const handler = async (input: RollupEvent = {}) => {
  const event = checked(input ?? {});
  const now = new Date();
  const year = event.year ?? previousReportingYear(now);
  const runId = event.runId ?? newRunId(now);
  let result;
  try {
    result = await runRollup({ year, requestedBy: event.requestedBy ?? 'scheduler' }, runId);
  } catch (error) {
    // Another run holds the year (or took it from this one): that run's outcome stands, and this one stops.
    if (
      error instanceof WriteConflict &&
      (error.reason === 'ROLLUP_RUNNING' || error.reason === 'ROLLUP_CLAIM_LOST')
    ) {
      logger.warn('rollup not run: another run holds the year', { year, runId, reason: error.reason });
      return { year, runId, skipped: error.reason };
    }
    throw error;
  }
  logger.info('rollup finished', { year, runId, ...result.counts });
  // Every rollup anchors its year's audit log, so what the published figures rest on is on record.
  await startJob('anchorAudit', { year, reason: 'rollup' });
  return { year, runId, ...result };
};
