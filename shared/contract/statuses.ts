/**
 * The statuses of a report and its evidence. A module of its own, with no imports, so the web pages can use it
 * without carrying the domain's dependencies.
 */
export const REPORT_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'preliminary',
  'objected',
  'accepted',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The statuses a report shows, in the order a list presents them. */
export const DISPLAY_STATUSES = [
  'not_started',
  'draft',
  'submitted',
  'late',
  'returned',
  'preliminary',
  'objected',
  'accepted',
] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const REVISION_ACTIONS = [
  'save',
  'submit',
  'verify',
  'return',
  'accept',
  'decide_document',
  'publish_preliminary',
  'agree',
  'object',
  'answer_objection',
  'finalize',
] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

export const EVIDENCE_STATUSES = ['pending', 'verified', 'rejected', 'withdrawn'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

/** What each status is called wherever a person reads it. */
export const STATUS_LABELS: Readonly<Record<DisplayStatus, { readonly vi: string; readonly en: string }>> = {
  not_started: { vi: 'Chưa bắt đầu', en: 'Not started' },
  draft: { vi: 'Đang soạn', en: 'Draft' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  late: { vi: 'Nộp muộn', en: 'Submitted late' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  preliminary: { vi: 'Có kết quả sơ bộ', en: 'Preliminary result' },
  objected: { vi: 'Đang giải trình', en: 'Objection under review' },
  accepted: { vi: 'Đã chấp nhận', en: 'Accepted' },
};

/** What the auditors decide about one verified document: does it support what it was attached to. */
export const DOCUMENT_VERDICTS = ['accepted', 'rejected'] as const;
export type DocumentVerdict = (typeof DOCUMENT_VERDICTS)[number];

/** How the inspection team answers one objection (giải trình) of the unit. */
export const OBJECTION_VERDICTS = ['upheld', 'dismissed'] as const;
export type ObjectionVerdict = (typeof OBJECTION_VERDICTS)[number];

export const DOCUMENT_VERDICT_LABELS: Readonly<
  Record<DocumentVerdict, { readonly vi: string; readonly en: string }>
> = {
  accepted: { vi: 'Tài liệu được chấp nhận', en: 'Document accepted' },
  rejected: { vi: 'Tài liệu không được chấp nhận', en: 'Document rejected' },
};

export const OBJECTION_VERDICT_LABELS: Readonly<
  Record<ObjectionVerdict, { readonly vi: string; readonly en: string }>
> = {
  upheld: { vi: 'Chấp nhận giải trình', en: 'Objection upheld' },
  dismissed: { vi: 'Không chấp nhận giải trình', en: 'Objection dismissed' },
};
