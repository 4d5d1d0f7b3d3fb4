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

/** What each step of a report's history is called where a person reads it (the history, an error message). */
export const REVISION_ACTION_LABELS: Readonly<
  Record<RevisionAction, { readonly vi: string; readonly en: string }>
> = {
  save: { vi: 'Lưu nháp', en: 'Draft saved' },
  submit: { vi: 'Nộp báo cáo', en: 'Submitted' },
  verify: { vi: 'Ghi kết quả xác minh', en: 'Verified' },
  return: { vi: 'Trả lại', en: 'Returned' },
  accept: { vi: 'Chấp nhận', en: 'Accepted' },
  decide_document: { vi: 'Kết luận về tài liệu', en: 'Document judged' },
  publish_preliminary: { vi: 'Công bố kết quả sơ bộ', en: 'Preliminary result published' },
  agree: { vi: 'Đơn vị đồng ý kết quả sơ bộ', en: 'Unit agreed with the preliminary result' },
  object: { vi: 'Đơn vị giải trình', en: 'Unit objected' },
  answer_objection: { vi: 'Trả lời giải trình', en: 'Objection answered' },
  finalize: { vi: 'Kết luận chính thức', en: 'Review finalized' },
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
