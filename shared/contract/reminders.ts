import type { Bilingual } from './i18n.ts';
import type { DisplayStatus } from './statuses.ts';

/*
 * Reminders to units that have not submitted: what the API answers and the console shows. The rules that decide
 * who is reminded live in shared/domain/reminders.ts; this module has no imports the web may not carry.
 */

/** Who is reminded: a report not yet in the inspection team's hands. */
export const REMINDED_STATUSES: readonly DisplayStatus[] = ['not_started', 'draft', 'returned'];

/** The period setting: a scheduled reminder this many days before the unit's deadline. */
export const REMINDER_DAYS_BEFORE = { min: 1, max: 60 } as const;

/** Units named in one request; without a list, every unit not yet submitted is reminded. */
export const MAX_REMINDER_UNITS = 500;

/**
 * `sending`: claimed, the mail service not yet answered; `sent`: the mail service took it (in AWS, SES gave a
 * message id; locally, the emulator's outbox holds it); `failed`: the mail service refused it (a later run
 * tries again); `no_address`: the unit has no contact email, so nothing could be sent.
 */
export const REMINDER_STATUSES = ['sending', 'sent', 'failed', 'no_address'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

export const REMINDER_STATUS_LABELS: Readonly<Record<ReminderStatus, Bilingual>> = {
  sending: { vi: 'Đang gửi', en: 'Sending' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
  failed: { vi: 'Gửi lỗi, sẽ thử lại', en: 'Failed, will retry' },
  no_address: { vi: 'Đơn vị chưa có email liên hệ', en: 'The unit has no contact email' },
};

/** `scheduled`: the daily job, N days before the deadline; `manual`: an admin's click. */
export type ReminderKind = 'scheduled' | 'manual';

/** One reminder as the outbox shows it. */
export interface Reminder {
  readonly year: number;
  readonly unitId: string;
  /** The round it belongs to: `scheduled-<deadline day>` or `manual-<request>`; one reminder per unit and round. */
  readonly round: string;
  readonly kind: ReminderKind;
  readonly status: ReminderStatus;
  readonly to?: string;
  readonly subject: string;
  readonly text: string;
  /** The unit's own deadline (a lock exception moves it) when the reminder was written. */
  readonly deadline: string;
  /** The admin who asked, or `scheduler`. */
  readonly requestedBy: string;
  readonly createdAt: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  readonly error?: string;
}

/** Why a unit asked for was not reminded this time. */
export const REMINDER_SKIPS = ['submitted', 'recent', 'not_expected'] as const;
export type ReminderSkip = (typeof REMINDER_SKIPS)[number];

export const REMINDER_SKIP_LABELS: Readonly<Record<ReminderSkip, Bilingual>> = {
  submitted: { vi: 'đã nộp', en: 'already submitted' },
  recent: { vi: 'vừa được nhắc', en: 'reminded recently' },
  not_expected: { vi: 'không phải báo cáo năm này', en: 'not expected to report this year' },
};
