import { SITE_URL_ENV } from '../config.ts';
import type { Reminder, ReminderKind } from '../contract/reminders.ts';
import type { AuditEntryInput } from '../domain/auditChain.ts';
import {
  planReminders,
  reminderMessage,
  type PlanRequest,
  type ReminderPlan,
  type ReminderTarget,
} from '../domain/reminders.ts';
import { deadlineFor, type Period } from '../domain/period.ts';
import { logger } from '../http/logger.ts';
import { sendMail } from '../store/mailer.ts';
import { reminderClaimWrite, settleReminder, yearReminders } from '../store/reminders.ts';
import { transact, WriteConflict } from '../store/transact.ts';
import { jobAuditInput, withJobAudit } from './audit.ts';
import { yearStatuses } from './yearStatuses.ts';

/** Sends at a time: SES's default sending rate is 14 a second, and each send is a claim, a call and a settle. */
const CONCURRENCY = 4;

/** The plan of a round now, from the year's units, reports, period and past reminders. */
export async function planRound(
  year: number,
  request: PlanRequest | ((period: Period) => PlanRequest),
  now: Date,
): Promise<{ period: Period; plan: ReminderPlan }> {
  const [{ period, units, statuses }, past] = await Promise.all([
    yearStatuses(year, now),
    yearReminders(year),
  ]);
  const contacts = new Map(units.map((u) => [u.id, u.contactEmail]));
  const plan = planReminders(
    {
      statuses,
      contactOf: (id) => contacts.get(id),
      deadlineOf: (id) => deadlineFor(period, id),
      past,
      now,
    },
    typeof request === 'function' ? request(period) : request,
  );
  return { period, plan };
}

export interface RoundCounts {
  sent: number;
  failed: number;
  noAddress: number;
  /** Claimed meanwhile by another run of the same round (a retried invocation): not sent twice. */
  alreadyClaimed: number;
}

async function remindOne(
  year: number,
  target: ReminderTarget,
  kind: ReminderKind,
  actor: AuditEntryInput['actor'],
  now: Date,
  counts: RoundCounts,
): Promise<void> {
  const { subject, text } = reminderMessage(year, target, kind, process.env[SITE_URL_ENV], now);
  const reminder: Reminder = {
    year,
    unitId: target.unitId,
    round: target.round,
    kind,
    status: target.to ? 'sending' : 'no_address',
    ...(target.to ? { to: target.to } : {}),
    subject,
    text,
    deadline: target.deadline.toISOString(),
    requestedBy: actor.sub,
    createdAt: now.toISOString(),
  };
  const entry = jobAuditInput(actor, now, {
    year,
    action: 'reminder.send',
    unitId: target.unitId,
    object: target.round,
    details: { kind, to: target.to ?? null, status: target.status, deadline: reminder.deadline, subject },
  });
  try {
    await withJobAudit(entry, (auditWrites) => transact([reminderClaimWrite(reminder, now), ...auditWrites]));
  } catch (error) {
    if (error instanceof WriteConflict && error.reason === 'REMINDER_CLAIMED') {
      counts.alreadyClaimed++;
      return;
    }
    throw error;
  }
  if (!target.to) {
    counts.noAddress++;
    return;
  }
  try {
    const messageId = await sendMail({ to: target.to, subject, text });
    await settleReminder(reminder, { status: 'sent', messageId, at: new Date() });
    counts.sent++;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn('reminder not sent', { year, unitId: target.unitId, round: target.round, error: message });
    await settleReminder(reminder, { status: 'failed', error: message });
    counts.failed++;
  }
}

/**
 * Writes and sends a round's reminders: each claimed together with its audit entry, then sent, then settled.
 * A failed send stays `failed` and the next run of its round sends it again; a unit's claim held by another
 * run is left to that run.
 */
export async function sendRound(
  year: number,
  plan: ReminderPlan,
  kind: ReminderKind,
  actor: AuditEntryInput['actor'],
  now: Date,
): Promise<RoundCounts> {
  const counts: RoundCounts = { sent: 0, failed: 0, noAddress: 0, alreadyClaimed: 0 };
  const queue = [...plan.send];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      await remindOne(year, target, kind, actor, now, counts);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return counts;
}
