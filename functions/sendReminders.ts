import { planRound, sendRound } from '#shared/api/reminderRound';
import { MAX_REMINDER_UNITS } from '#shared/contract/reminders';
import { reportingYearsInProgress } from '#shared/domain/period';
import { MANUAL_ROUND_PATTERN } from '#shared/domain/reminders';
import { UNIT_ID_PATTERN } from '#shared/hierarchy';
import { logger } from '#shared/http/logger';

interface ReminderEvent {
  readonly year?: number;
  /** An admin's round (POST /reminders/{year}); without one, the scheduled round of every year in progress. */
  readonly round?: string;
  readonly unitIds?: readonly string[];
  readonly requestedBy?: string;
}

/** The invocation payload is checked where it enters: its values become keys and audit entries. */
function checked(event: ReminderEvent): ReminderEvent {
  const { year, round, unitIds, requestedBy } = event;
  if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    throw new TypeError(`sendReminders: year ${JSON.stringify(year)} is not a reporting year.`);
  }
  if (round !== undefined) {
    if (!(typeof round === 'string' && MANUAL_ROUND_PATTERN.test(round)) || year === undefined) {
      throw new TypeError(
        `sendReminders: round ${JSON.stringify(round)} needs a year and ${MANUAL_ROUND_PATTERN}.`,
      );
    }
    if (!(typeof requestedBy === 'string' && requestedBy.length > 0 && requestedBy.length <= 128)) {
      throw new TypeError(
        'sendReminders: an admin round names who asked (requestedBy, at most 128 characters).',
      );
    }
  }
  if (
    unitIds !== undefined &&
    !(
      Array.isArray(unitIds) &&
      unitIds.length <= MAX_REMINDER_UNITS &&
      unitIds.every((id) => typeof id === 'string' && UNIT_ID_PATTERN.test(id))
    )
  ) {
    throw new TypeError(`sendReminders: unitIds must be at most ${MAX_REMINDER_UNITS} unit ids.`);
  }
  return event;
}

/**
 * Reminders to units that have not submitted. EventBridge Scheduler calls it every morning with no payload: each
 * year in progress whose period sets `reminderDaysBefore` gets its scheduled round (domain/reminders.ts says
 * who and when). An admin's POST /reminders/{year} invokes it with that request's round. Rerunning either is
 * harmless: each unit's reminder in a round is claimed once.
 */
export const handler = async (input: ReminderEvent = {}) => {
  const event = checked(input ?? {});
  const now = new Date();
  if (event.round !== undefined && event.year !== undefined && event.requestedBy !== undefined) {
    const { round, requestedBy, year } = event;
    const { plan } = await planRound(
      year,
      { kind: 'manual', round, ...(event.unitIds ? { unitIds: event.unitIds } : {}) },
      now,
    );
    const counts = await sendRound(year, plan, 'manual', { sub: requestedBy, role: 'admin' }, now);
    logger.info('reminders sent', { year, round, ...counts, skipped: plan.skipped.length });
    return [{ year, round, ...counts }];
  }
  const results = [];
  for (const year of event.year ? [event.year] : reportingYearsInProgress(now)) {
    const { plan } = await planRound(
      year,
      (period) => ({ kind: 'scheduled', daysBefore: period.reminderDaysBefore }),
      now,
    );
    const counts = await sendRound(year, plan, 'scheduled', { sub: 'scheduler', role: 'system' }, now);
    logger.info('scheduled reminders', { year, ...counts });
    results.push({ year, ...counts });
  }
  return results;
};
