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
import {
  REVISION_ACTION_LABELS,
  STATUS_LABELS,
  type DisplayStatus,
  type ReportStatus,
  type RevisionAction,
} from '../contract/statuses.ts';
import type { Attestation, DocumentDecision, Objection, PreliminaryResult } from './review.ts';

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
  /** The version the current submission created: what its receipt names, whatever the review records after it. */
  readonly submittedVersion?: number;
  readonly late: boolean;
  readonly acceptedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** The head of the agency vouching for the current submission (Circular 06/2013). */
  readonly attestation?: Attestation;
  /** The verified documents backing each field when the report was submitted (or objected with). */
  readonly evidenceByField?: Readonly<Record<string, readonly string[]>>;
  /** The auditors' decision on each document, by evidence id; a decision outlives a return. */
  readonly documents?: Readonly<Record<string, DocumentDecision>>;
  /** The preliminary result of the current submission, once published. */
  readonly preliminary?: PreliminaryResult;
  /** The unit's objections to the preliminary result, by field, with the answers. */
  readonly objections?: Readonly<Record<string, Objection>>;
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
  /** What the step added or changed of the review: a decision, objections, answers, the attestation. */
  readonly documents?: Readonly<Record<string, DocumentDecision>>;
  readonly objections?: Readonly<Record<string, Objection>>;
  readonly attestation?: Attestation;
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

/**
 * The status a person reads. A preliminary result whose objection window has closed is final by rule (the
 * unit accepted it by not objecting), so with `now` it reads as accepted before anyone records the step.
 */
export function displayStatusOf(
  state: Pick<ReportState, 'status' | 'late' | 'version' | 'preliminary'> | undefined,
  now?: Date,
): DisplayStatus {
  if (!state || state.version === 0) return 'not_started';
  if (state.status === 'submitted' && state.late) return 'late';
  if (now && lapsed(state, now)) return 'accepted';
  return state.status;
}

/** A preliminary result the unit neither agreed with nor objected to before its window closed. */
export const lapsed = (state: Pick<ReportState, 'status' | 'preliminary'>, now: Date): boolean =>
  state.status === 'preliminary' &&
  state.preliminary !== undefined &&
  now >= new Date(state.preliminary.objectionDeadline);

/** Final: accepted, or a preliminary result whose window closed with no objection. */
export const isFinal = (state: Pick<ReportState, 'status' | 'preliminary'>, now: Date): boolean =>
  state.status === 'accepted' || lapsed(state, now);

/** Submitted and not sent back: the values are locked, the submission's receipt vouches for them. */
const COUNTED: readonly ReportStatus[] = ['submitted', 'preliminary', 'objected', 'accepted'];

export const isEditable = (state: ReportState): boolean =>
  state.status === 'draft' || state.status === 'returned';

/** Submitted, under review or accepted: the figures count in a rollup. Drafts and returned reports do not. */
export const isCounted = (state: Pick<ReportState, 'status'> | undefined): boolean =>
  state !== undefined && COUNTED.includes(state.status);

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

/** The next state and its revision; `extra` is what the step itself added, recorded on the revision. */
export function advance(
  state: ReportState,
  action: RevisionAction,
  actor: Actor,
  now: Date,
  patch: Partial<ReportState>,
  extra: Pick<Revision, 'comments' | 'verification' | 'documents' | 'objections' | 'attestation'> = {},
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

export function requireStatus(
  state: ReportState,
  allowed: readonly ReportStatus[],
  action: RevisionAction,
): void {
  if (state.version > 0 && allowed.includes(state.status)) return;
  if (state.version === 0 && allowed.includes('draft')) return;
  const step = REVISION_ACTION_LABELS[action];
  const status = STATUS_LABELS[displayStatusOf(state)];
  throw new ConflictError(
    bi(
      `Không thể thực hiện bước "${step.vi}" khi báo cáo đang ở trạng thái "${status.vi}".`,
      `The step "${step.en}" cannot be taken while the report is "${status.en}".`,
    ),
    {
      code: isCounted(state) ? CODE.REPORT_LOCKED : CODE.INVALID_STATE,
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
  vouched: {
    readonly attestation: Omit<Attestation, 'by' | 'at'>;
    readonly evidenceByField: Readonly<Record<string, readonly string[]>>;
  },
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
  const attestation: Attestation = { ...vouched.attestation, by: actor.sub, at };
  const { preliminary: _p, objections: _o, ...earlier } = state;
  return advance(
    earlier,
    'submit',
    actor,
    now,
    {
      status: 'submitted',
      submissions: state.submissions + 1,
      firstSubmittedAt: first,
      submittedAt: at,
      // The version this step creates (advance adds one).
      submittedVersion: state.version + 1,
      // Late is judged on the first submission against the period's own deadline, exception or not.
      late: isLate(period, new Date(first)),
      attestation,
      evidenceByField: vouched.evidenceByField,
    },
    { attestation },
  );
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
  requireStatus(state, ['submitted', 'objected'], 'return');
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

type Worded = Pick<ReportState, 'comments' | 'verification' | 'documents' | 'objections'>;

/**
 * The bytes of every text of the review a report holds: review comments, verification notes, the reasons for
 * document decisions, the unit's objections and the answers to them.
 */
export function commentBytes(state: Worded): number {
  let bytes = 0;
  for (const c of state.comments) bytes += utf8Bytes(c.text);
  for (const v of Object.values(state.verification)) bytes += utf8Bytes(v.comment);
  for (const d of Object.values(state.documents ?? {})) bytes += utf8Bytes(d.reason);
  for (const o of Object.values(state.objections ?? {}))
    bytes += utf8Bytes(o.explanation) + utf8Bytes(o.answer?.reason);
  return bytes;
}

/** Refuses, with 422, a change that would take the report past its comment bounds; nothing is written. */
export function requireCommentRoom(next: Worded): void {
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

/**
 * A report is released to its unit once the auditors publish a preliminary result, return it or accept it:
 * then it sees their values (while it may object, only those of the published result).
 */
export const isReleased = (state: Pick<ReportState, 'status'>): boolean =>
  state.status !== 'draft' && state.status !== 'submitted';

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
 * Up to when the unit may see the auditors' work: nothing while it is under review; the published preliminary
 * result while the unit may object and the team answers; everything once returned or final.
 */
function releasedUntil(state: ReportState): string | undefined {
  if (!isReleased(state)) return undefined;
  if (state.status === 'preliminary' || state.status === 'objected') return state.preliminary?.publishedAt;
  return '\uffff';
}

const until = <T extends { readonly at: string }>(rec: Readonly<Record<string, T>> | undefined, at: string) =>
  Object.fromEntries(Object.entries(rec ?? {}).filter(([, v]) => v.at <= at));

/**
 * The report as its own unit sees it: never the auditors' work in progress (verified values, document decisions
 * and answers not yet published) nor their internal comments; once the preliminary result is published, what it
 * holds; once returned or final, the official values, decisions and answers, and the comments meant for it.
 */
export function asSeenByUnit(state: ReportState): ReportState {
  const cutoff = releasedUntil(state);
  const { documents, objections, ...rest } = state;
  const answered = cutoff === '\uffff';
  return {
    ...rest,
    comments: state.comments.filter(forUnit),
    verification: cutoff ? verificationForUnit(until(state.verification, cutoff)) : {},
    ...(cutoff && documents ? { documents: until(documents, cutoff) } : {}),
    ...(objections
      ? {
          objections: answered
            ? objections
            : Object.fromEntries(Object.entries(objections).map(([f, { answer: _a, ...o }]) => [f, o])),
        }
      : {}),
  };
}

/**
 * A revision as the unit sees it, by the same rule, judged on the report as it is now: `releasedUntil` is
 * the latest moment whose review work the unit may see.
 */
export function revisionSeenByUnit(revision: Revision, releasedUntil: string | undefined): Revision {
  const { comments, verification, documents, objections, ...rest } = revision;
  const shown = comments?.filter(forUnit);
  const visible = releasedUntil !== undefined && revision.at <= releasedUntil;
  const own = revision.by.role === 'agency';
  return {
    ...rest,
    ...(shown?.length ? { comments: shown } : {}),
    ...(verification && visible ? { verification: verificationForUnit(verification) } : {}),
    ...(documents && visible ? { documents } : {}),
    ...(objections && (visible || own) ? { objections } : {}),
  };
}

/** The latest moment of review work the unit may see, for `revisionSeenByUnit`. */
export const unitSeesUntil = (state: ReportState): string | undefined => releasedUntil(state);
