import type { FieldValue, ReportValues } from '../catalog/index.ts';
import { CODE, type FieldIssue } from '../contract/errors.ts';
import { ConflictError, UnprocessableError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import {
  MAX_COMMENT_BYTES_PER_REPORT,
  MAX_COMMENTS_PER_REPORT,
  type CommentVisibility,
} from '../contract/comments.ts';
import type { Role } from '../contract/roles.ts';
import { deadlineFor, isLate, isOpen, type Period } from './period.ts';

/**
 * The life of a yearly report, as pure transitions. Each transition returns the next state and the immutable
 * revision that records it; the store writes both in one transaction.
 */
import type { DisplayStatus, ReportStatus, RevisionAction } from '../contract/statuses.ts';

export interface Actor {
  readonly sub: string;
  readonly role: Role;
}

export interface ReviewComment {
  readonly field?: string;
  readonly text: string;
  /** Absent on comments made before visibilities existed: those were all for the unit. */
  readonly visibility?: CommentVisibility;
  readonly by: string;
  readonly at: string;
  /** Which submission the comment was made on (1 = first). */
  readonly round: number;
}

export interface VerificationEntry {
  readonly value?: FieldValue;
  readonly comment?: string;
  /** Of the comment. @default 'internal' */
  readonly visibility?: CommentVisibility;
}

export interface VerifiedField {
  readonly value?: FieldValue;
  readonly comment?: string;
  /** Of the comment; absent means internal. */
  readonly visibility?: CommentVisibility;
  readonly by: string;
  readonly at: string;
}

export interface ReportState {
  readonly year: number;
  readonly unitId: string;
  readonly status: ReportStatus;
  readonly version: number;
  readonly values: ReportValues;
  readonly verification: Readonly<Record<string, VerifiedField>>;
  readonly comments: readonly ReviewComment[];
  readonly submissions: number;
  readonly firstSubmittedAt?: string;
  readonly submittedAt?: string;
  readonly late: boolean;
  readonly acceptedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface ValueChange {
  readonly field: string;
  readonly from: FieldValue | undefined;
  readonly to: FieldValue | undefined;
}

export interface Revision {
  readonly year: number;
  readonly unitId: string;
  readonly version: number;
  readonly action: RevisionAction;
  readonly status: ReportStatus;
  readonly at: string;
  readonly by: Actor;
  readonly values: ReportValues;
  readonly diff: readonly ValueChange[];
  readonly comments?: readonly ReviewComment[];
  readonly verification?: Readonly<Record<string, VerifiedField>>;
}

export interface Transition {
  readonly next: ReportState;
  readonly revision: Revision;
}

export function emptyReport(year: number, unitId: string): ReportState {
  return {
    year,
    unitId,
    status: 'draft',
    version: 0,
    values: {},
    verification: {},
    comments: [],
    submissions: 0,
    late: false,
    createdAt: '',
    updatedAt: '',
    updatedBy: '',
  };
}

export function displayStatusOf(
  state: Pick<ReportState, 'status' | 'late' | 'version'> | undefined,
): DisplayStatus {
  if (!state || state.version === 0) return 'not_started';
  if (state.status === 'submitted' && state.late) return 'late';
  return state.status;
}

export const isEditable = (state: ReportState): boolean =>
  state.status === 'draft' || state.status === 'returned';

/** Submitted or accepted: the figures count in a rollup. Drafts and returned reports do not. */
export const isCounted = (state: Pick<ReportState, 'status'> | undefined): boolean =>
  state?.status === 'submitted' || state?.status === 'accepted';

/** Drafts lock at the deadline (unless the unit has an exception); a returned report stays open to correction. */
const pastDeadline = (state: ReportState, period: Period, now: Date): boolean =>
  state.status !== 'returned' && now >= deadlineFor(period, state.unitId);

/** Whether the unit can still change the report at `now`: what the API tells the browser as `editable`. */
export const canStillEdit = (state: ReportState, period: Period, now: Date): boolean =>
  isEditable(state) && !pastDeadline(state, period, now);

/** Field-by-field changes, sorted by field code so that diffs are stable. */
export function diffValues(before: ReportValues, after: ReportValues): ValueChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return fields
    .filter((f) => before[f] !== after[f])
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

function advance(
  state: ReportState,
  action: RevisionAction,
  actor: Actor,
  now: Date,
  patch: Partial<ReportState>,
  extra: Pick<Revision, 'comments' | 'verification'> = {},
): Transition {
  const at = now.toISOString();
  const next: ReportState = {
    ...state,
    ...patch,
    version: state.version + 1,
    createdAt: state.createdAt || at,
    updatedAt: at,
    updatedBy: actor.sub,
  };
  const revision: Revision = {
    year: next.year,
    unitId: next.unitId,
    version: next.version,
    action,
    status: next.status,
    at,
    by: { sub: actor.sub, role: actor.role },
    values: next.values,
    diff: diffValues(state.values, next.values),
    ...extra,
  };
  return { next, revision };
}

function requireStatus(state: ReportState, allowed: readonly ReportStatus[], action: RevisionAction): void {
  if (state.version > 0 && allowed.includes(state.status)) return;
  if (state.version === 0 && allowed.includes('draft')) return;
  throw new ConflictError(
    bi(
      `Không thể thực hiện "${action}" khi báo cáo đang ở trạng thái "${displayStatusOf(state)}".`,
      `Cannot ${action} a report whose status is "${displayStatusOf(state)}".`,
    ),
    {
      code:
        state.status === 'submitted' || state.status === 'accepted' ? CODE.REPORT_LOCKED : CODE.INVALID_STATE,
    },
  );
}

function requireOpen(period: Period, now: Date): void {
  if (!isOpen(period, now)) {
    throw new ConflictError(
      bi(`Kỳ báo cáo năm ${period.year} chưa mở.`, `The ${period.year} reporting period is not open yet.`),
      { code: CODE.PERIOD_NOT_OPEN },
    );
  }
}

function requireBeforeDeadline(state: ReportState, period: Period, now: Date): void {
  if (pastDeadline(state, period, now)) {
    const deadline = deadlineFor(period, state.unitId);
    throw new ConflictError(
      bi(
        `Đã quá hạn nộp báo cáo (${deadline.toISOString()}). Liên hệ Sở TT&TT để được gia hạn.`,
        `The deadline (${deadline.toISOString()}) has passed. Ask the department for a lock exception.`,
      ),
      { code: CODE.DEADLINE_PASSED },
    );
  }
}

export function saveDraft(
  state: ReportState,
  values: ReportValues,
  actor: Actor,
  now: Date,
  period: Period,
): Transition | undefined {
  requireStatus(state, ['draft', 'returned'], 'save');
  requireOpen(period, now);
  requireBeforeDeadline(state, period, now);
  if (state.version > 0 && diffValues(state.values, values).length === 0) return undefined;
  return advance(state, 'save', actor, now, { values, status: state.version === 0 ? 'draft' : state.status });
}

export function submit(
  state: ReportState,
  actor: Actor,
  now: Date,
  period: Period,
  problems: readonly FieldIssue[],
): Transition {
  requireStatus(state, ['draft', 'returned'], 'submit');
  requireOpen(period, now);
  requireBeforeDeadline(state, period, now);
  if (state.version === 0 || problems.length) {
    throw new UnprocessableError(
      bi(
        'Báo cáo chưa đầy đủ hoặc có số liệu không hợp lệ; xem danh sách bên dưới.',
        'The report is incomplete or has invalid figures; see the list below.',
      ),
      { code: CODE.SUBMISSION_INVALID, issues: problems },
    );
  }
  const at = now.toISOString();
  const first = state.firstSubmittedAt ?? at;
  return advance(state, 'submit', actor, now, {
    status: 'submitted',
    submissions: state.submissions + 1,
    firstSubmittedAt: first,
    submittedAt: at,
    // Late is judged on the first submission against the period's own deadline, exception or not.
    late: isLate(period, new Date(first)),
  });
}

export function recordVerification(
  state: ReportState,
  entries: Readonly<Record<string, VerificationEntry>>,
  actor: Actor,
  now: Date,
): Transition {
  requireStatus(state, ['submitted'], 'verify');
  const at = now.toISOString();
  const added: Record<string, VerifiedField> = {};
  for (const [field, entry] of Object.entries(entries)) added[field] = { ...entry, by: actor.sub, at };
  requireCommentRoom({ ...state, verification: { ...state.verification, ...added } });
  return advance(
    state,
    'verify',
    actor,
    now,
    { verification: { ...state.verification, ...added } },
    {
      verification: added,
    },
  );
}

export function returnReport(
  state: ReportState,
  comments: readonly { field?: string; text: string; visibility?: CommentVisibility }[],
  actor: Actor,
  now: Date,
): Transition {
  requireStatus(state, ['submitted'], 'return');
  const at = now.toISOString();
  const made = comments.map((c) => ({
    ...c,
    visibility: c.visibility ?? 'unit',
    by: actor.sub,
    at,
    round: state.submissions,
  }));
  requireCommentRoom({ ...state, comments: [...state.comments, ...made] });
  return advance(
    state,
    'return',
    actor,
    now,
    { status: 'returned', comments: [...state.comments, ...made] },
    {
      comments: made,
    },
  );
}

export function acceptReport(
  state: ReportState,
  comment: string | undefined,
  actor: Actor,
  now: Date,
  visibility: CommentVisibility = 'unit',
): Transition {
  requireStatus(state, ['submitted'], 'accept');
  const at = now.toISOString();
  const made = comment ? [{ text: comment, visibility, by: actor.sub, at, round: state.submissions }] : [];
  requireCommentRoom({ ...state, comments: [...state.comments, ...made] });
  return advance(
    state,
    'accept',
    actor,
    now,
    { status: 'accepted', acceptedAt: at, comments: [...state.comments, ...made] },
    made.length ? { comments: made } : {},
  );
}

const utf8Bytes = (text: string | undefined) => (text ? Buffer.byteLength(text, 'utf8') : 0);

/** The bytes of every comment text a report holds: review comments and verification notes. */
export function commentBytes(state: Pick<ReportState, 'comments' | 'verification'>): number {
  let bytes = 0;
  for (const c of state.comments) bytes += utf8Bytes(c.text);
  for (const v of Object.values(state.verification)) bytes += utf8Bytes(v.comment);
  return bytes;
}

/** Refuses, with 422, a change that would take the report past its comment bounds; nothing is written. */
function requireCommentRoom(next: Pick<ReportState, 'comments' | 'verification'>): void {
  const count = next.comments.length;
  const bytes = commentBytes(next);
  if (count <= MAX_COMMENTS_PER_REPORT && bytes <= MAX_COMMENT_BYTES_PER_REPORT) return;
  throw new UnprocessableError(
    bi(
      `Báo cáo đã đủ giới hạn nhận xét (${MAX_COMMENTS_PER_REPORT} nhận xét, ${MAX_COMMENT_BYTES_PER_REPORT / 1024} KB).`,
      `The report has reached its comment limit (${MAX_COMMENTS_PER_REPORT} comments, ${MAX_COMMENT_BYTES_PER_REPORT / 1024} KB).`,
    ),
    {
      code: CODE.COMMENT_LIMIT_REACHED,
      issues: [
        {
          path: 'comments',
          code: count > MAX_COMMENTS_PER_REPORT ? 'too_many' : 'too_big',
          message: bi(
            `Đã có ${count} nhận xét, ${Math.ceil(bytes / 1024)} KB`,
            `${count} comments, ${Math.ceil(bytes / 1024)} KB`,
          ),
        },
      ],
    },
  );
}

/** A report is released to its unit when it is returned or accepted: then it sees the auditors' values. */
export const isReleased = (state: Pick<ReportState, 'status'>): boolean =>
  state.status === 'returned' || state.status === 'accepted';

const forUnit = (c: ReviewComment) => (c.visibility ?? 'unit') === 'unit';

/** Verified values as the unit may see them: the value, when, and a comment only if it was meant for the unit. */
export function verificationForUnit(
  verification: Readonly<Record<string, VerifiedField>>,
): Record<string, VerifiedField> {
  const out: Record<string, VerifiedField> = {};
  for (const [field, v] of Object.entries(verification)) {
    const { comment, visibility, ...rest } = v;
    out[field] = visibility === 'unit' && comment ? { ...rest, comment, visibility } : rest;
  }
  return out;
}

/**
 * The report as its own unit sees it: never the auditors' work in progress (verified values while it is under
 * review) nor their internal comments; once returned or accepted, the official values and the comments meant
 * for it.
 */
export function asSeenByUnit(state: ReportState): ReportState {
  return {
    ...state,
    comments: state.comments.filter(forUnit),
    verification: isReleased(state) ? verificationForUnit(state.verification) : {},
  };
}

/** A revision as the unit sees it, by the same rule, judged on the report as it is now. */
export function revisionSeenByUnit(revision: Revision, released: boolean): Revision {
  const { comments, verification, ...rest } = revision;
  const shown = comments?.filter(forUnit);
  return {
    ...rest,
    ...(shown?.length ? { comments: shown } : {}),
    ...(verification && released ? { verification: verificationForUnit(verification) } : {}),
  };
}
