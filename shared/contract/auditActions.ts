import { REVISION_ACTION_LABELS } from './statuses.ts';

/**
 * Every action the audit log records, and what a person reading the log calls it: the one list the routes
 * write from, the API filters by and the admin's console labels with. A review action is the report's own step,
 * so it carries that step's label.
 */
export const AUDIT_ACTION_LABELS = {
  'period.set': { vi: 'Đặt kỳ báo cáo', en: 'Reporting period set' },
  'period.lockException': { vi: 'Gia hạn cho một đơn vị', en: 'Lock exception for a unit' },
  'units.put': { vi: 'Cập nhật danh sách đơn vị', en: 'Units updated' },
  'units.reorganize': { vi: 'Sắp xếp lại đơn vị', en: 'Units reorganized' },
  'targets.set': { vi: 'Đặt chỉ tiêu, trọng số và xếp loại', en: 'Targets, weights and bands set' },
  'rollup.start': { vi: 'Chạy tổng hợp', en: 'Rollup started' },
  'reminder.request': { vi: 'Yêu cầu gửi nhắc hạn', en: 'Reminders requested' },
  'reminder.send': { vi: 'Gửi nhắc hạn', en: 'Reminder sent' },
  'evidence.download': { vi: 'Tải tài liệu minh chứng', en: 'Evidence downloaded' },
  'review.verify': REVISION_ACTION_LABELS.verify,
  'review.return': REVISION_ACTION_LABELS.return,
  'review.accept': REVISION_ACTION_LABELS.accept,
  'review.decide_document': REVISION_ACTION_LABELS.decide_document,
  'review.publish_preliminary': REVISION_ACTION_LABELS.publish_preliminary,
  'review.agree': REVISION_ACTION_LABELS.agree,
  'review.object': REVISION_ACTION_LABELS.object,
  'review.answer_objection': REVISION_ACTION_LABELS.answer_objection,
  'review.finalize': REVISION_ACTION_LABELS.finalize,
} as const satisfies Record<string, { readonly vi: string; readonly en: string }>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** A stored entry's action as a person reads it; one this list no longer names keeps its code. */
export const auditActionLabel = (action: string): { readonly vi: string; readonly en: string } =>
  (AUDIT_ACTION_LABELS as Record<string, { readonly vi: string; readonly en: string }>)[action] ?? {
    vi: action,
    en: action,
  };
