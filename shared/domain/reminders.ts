import { vietnamDay } from '../contract/days.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { agencyReportLink } from '../contract/site.ts';
import {
  REMINDED_STATUSES,
  type Reminder,
  type ReminderKind,
  type ReminderSkip,
} from '../contract/reminders.ts';
import { STATUS_LABELS, type DisplayStatus } from '../contract/statuses.ts';
import type { UnitStatus } from './completeness.ts';

/*
 * Who is reminded, when, and what the message says. Pure: the job (functions/sendReminders.ts) and the
 * admin's route (functions/remindUnits.ts) read the year's units, reports and past reminders, and this decides.
 */

/**
 * A unit is not reminded twice within this time, whatever asked: an admin clicking twice, or a click on the
 * morning of the scheduled round. Under a day, so that a daily job a little early is not held back.
 */
export const MIN_HOURS_BETWEEN_REMINDERS = 20;

/**
 * A reminder claimed but never settled (the function stopped between the claim and the mail service's answer)
 * may be claimed again after this long: Lambda stops a job at 15 minutes.
 */
export const STALE_SENDING_MS = 20 * 60_000;

const DAY_MS = 86_400_000;

export interface ReminderTarget {
  readonly unitId: string;
  readonly name: Bilingual;
  readonly status: DisplayStatus;
  readonly to?: string;
  readonly deadline: Date;
  readonly round: string;
}

export interface ReminderPlan {
  readonly send: readonly ReminderTarget[];
  readonly skipped: readonly { readonly unitId: string; readonly reason: ReminderSkip }[];
}

export interface PlanInput {
  /** The year's expected units with their report's status (domain/completeness.ts unitStatuses). */
  readonly statuses: readonly UnitStatus[];
  readonly contactOf: (unitId: string) => string | undefined;
  readonly deadlineOf: (unitId: string) => Date;
  /** Every reminder of the year so far. */
  readonly past: readonly Reminder[];
  readonly now: Date;
}

export type PlanRequest =
  | { readonly kind: 'scheduled'; readonly daysBefore: number | undefined }
  /** An admin's: the units named, or every unit not yet submitted. */
  | { readonly kind: 'manual'; readonly round: string; readonly unitIds?: readonly string[] };

/** An admin's round: named after the request, so a retried or doubled request is the same round. */
export const MANUAL_ROUND_PATTERN = /^manual-[A-Za-z0-9_-]{8,64}$/;

export const scheduledRound = (deadline: Date): string => `scheduled-${vietnamDay(deadline)}`;

/** The day (Vietnam) from which the scheduled reminder is due: N days before the deadline's day. */
export const scheduledDay = (deadline: Date, daysBefore: number): string =>
  vietnamDay(new Date(deadline.getTime() - daysBefore * DAY_MS));

/** Whether a reminder still holds its round: sent, sending (not stale), or with no address to send to. */
export function holdsRound(r: Reminder, now: Date): boolean {
  if (r.status === 'failed') return false;
  if (r.status === 'sending') return now.getTime() - Date.parse(r.createdAt) < STALE_SENDING_MS;
  return true;
}

function lastSentAt(past: readonly Reminder[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const r of past) {
    if (r.status !== 'sent' && r.status !== 'sending') continue;
    const at = Date.parse(r.sentAt ?? r.createdAt);
    if (at > (last.get(r.unitId) ?? -Infinity)) last.set(r.unitId, at);
  }
  return last;
}

/**
 * The reminders to write now. Scheduled: each unit not yet submitted, from N days before its own deadline
 * (a lock exception moves it) until the deadline, once per deadline, so a day the job did not run is made up
 * the next morning and a moved deadline gets its own round. Manual: the units asked for, at once.
 */
export function planReminders(input: PlanInput, request: PlanRequest): ReminderPlan {
  const { now } = input;
  const recent = lastSentAt(input.past);
  const held = new Set(input.past.filter((r) => holdsRound(r, now)).map((r) => `${r.round}|${r.unitId}`));
  const byUnit = new Map(input.statuses.map((s) => [s.unitId, s]));
  const send: ReminderTarget[] = [];
  const skipped: { unitId: string; reason: ReminderSkip }[] = [];
  if (request.kind === 'scheduled' && request.daysBefore === undefined) return { send, skipped };
  // Units named one by one are answered one by one; "everyone not submitted" lists no one it left out.
  const named = request.kind === 'manual' && request.unitIds !== undefined;
  const asked =
    request.kind === 'manual' && request.unitIds ? [...new Set(request.unitIds)] : [...byUnit.keys()];
  for (const unitId of asked) {
    const s = byUnit.get(unitId);
    if (!s) {
      skipped.push({ unitId, reason: 'not_expected' });
      continue;
    }
    if (!REMINDED_STATUSES.includes(s.status)) {
      if (named) skipped.push({ unitId, reason: 'submitted' });
      continue;
    }
    const deadline = input.deadlineOf(unitId);
    let round: string;
    if (request.kind === 'scheduled') {
      if (now >= deadline || vietnamDay(now) < scheduledDay(deadline, request.daysBefore!)) continue;
      round = scheduledRound(deadline);
      if (held.has(`${round}|${unitId}`)) continue;
    } else {
      round = request.round;
    }
    const last = recent.get(unitId);
    if (last !== undefined && now.getTime() - last < MIN_HOURS_BETWEEN_REMINDERS * 3600_000) {
      skipped.push({ unitId, reason: 'recent' });
      continue;
    }
    const to = input.contactOf(unitId);
    send.push({ unitId, name: s.name, status: s.status, deadline, round, ...(to ? { to } : {}) });
  }
  return { send, skipped };
}

/** dd/mm/yyyy HH:mm in Vietnam time, as every date a person reads. */
function vietnamDateTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}

/** The message: Vietnamese first, English below, plain text (every mail reader shows it the same). */
export function reminderMessage(
  year: number,
  target: ReminderTarget,
  kind: ReminderKind,
  siteUrl: string | undefined,
  now: Date,
): { subject: string; text: string } {
  const due = vietnamDateTime(target.deadline);
  const label = STATUS_LABELS[target.status];
  const link = siteUrl ? agencyReportLink(siteUrl, year) : undefined;
  const overdue = target.deadline <= now;
  const vi = [
    `Kính gửi: ${target.name.vi}`,
    '',
    `Báo cáo tình hình ứng dụng công nghệ thông tin năm ${year} của đơn vị chưa được nộp (trạng thái: ${label.vi}).`,
    overdue
      ? `Hạn nộp đã qua (${due}, giờ Việt Nam). Đề nghị đơn vị nộp báo cáo sớm nhất.`
      : `Hạn nộp: trước ${due} (giờ Việt Nam).`,
    ...(link ? [`Nộp báo cáo tại: ${link}`] : []),
    kind === 'scheduled'
      ? 'Thư nhắc tự động của hệ thống Báo cáo CNTT.'
      : 'Thư nhắc do quản trị hệ thống Báo cáo CNTT gửi.',
  ];
  const en = [
    `To: ${target.name.en}`,
    '',
    `Your unit's ${year} report on the use of information technology has not been submitted (status: ${label.en}).`,
    overdue
      ? `The deadline has passed (${due}, Vietnam time). Please submit the report as soon as possible.`
      : `Deadline: before ${due} (Vietnam time).`,
    ...(link ? [`Submit it at: ${link}`] : []),
    kind === 'scheduled'
      ? 'An automatic reminder from the Báo cáo CNTT system.'
      : 'A reminder sent by the Báo cáo CNTT administrator.',
  ];
  return {
    subject: `[Báo cáo CNTT] Nhắc nộp báo cáo năm ${year}, hạn ${due.slice(0, 10)} / Reminder: ${year} IT report due ${due.slice(0, 10)}`,
    text: [...vi, '', '---', '', ...en, ''].join('\n'),
  };
}
