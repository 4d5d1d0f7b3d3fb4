import { needsEvidence, type Catalog, type FieldValue, type ReportValues } from '../catalog/index.ts';
import { CODE } from '../contract/errors.ts';
import { bi } from '../contract/i18n.ts';
import type { DocumentVerdict, ObjectionVerdict } from '../contract/statuses.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { objectionWindowDays, type Period } from './period.ts';
import {
  advance,
  requireCommentRoom,
  requireStatus,
  type Actor,
  type ReportState,
  type Transition,
  type VerifiedField,
} from './report.ts';

/*
 * The inspection team's review in two rounds, as provincial appraisal councils run it: the auditors judge each
 * document and publish a preliminary result; within the period's objection window the unit agrees or objects
 * field by field (giải trình) with an explanation and new documents; the team answers each objection, then
 * finalizes. A unit that lets the window pass accepts the preliminary result. Every step is a revision.
 *
 *   submitted ──publish──▶ preliminary ──agree──▶ accepted
 *       │                     │  └─(window closes)─▶ accepted (finalize records it)
 *       │                     └──object──▶ objected ──answer each, finalize──▶ accepted
 *       └──accept──▶ accepted            └──return──▶ returned (as from submitted)
 */

export interface Attestation {
  /** The head of the agency (thủ trưởng cơ quan) and their title, who vouch for the figures. */
  readonly headName: string;
  readonly headTitle: string;
  /** The account that submitted with this attestation, and when. */
  readonly by: string;
  readonly at: string;
}

export interface DocumentDecision {
  readonly verdict: DocumentVerdict;
  /** Required for a rejection: the unit reads it. */
  readonly reason?: string;
  /** The fields the document was attached to when it was judged. */
  readonly fields: readonly string[];
  readonly by: string;
  readonly at: string;
}

export interface PreliminaryResult {
  /** Which submission it judges (1 = first). */
  readonly round: number;
  readonly publishedAt: string;
  readonly publishedBy: string;
  /** Until then the unit may agree or object; after it the result is final. */
  readonly objectionDeadline: string;
}

export interface ObjectionAnswer {
  readonly verdict: ObjectionVerdict;
  /** Upheld: the value the field now has officially. */
  readonly value?: FieldValue;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface Objection {
  readonly explanation: string;
  /** The unit's verified documents sent with it. */
  readonly evidenceIds: readonly string[];
  readonly by: string;
  readonly at: string;
  readonly answer?: ObjectionAnswer;
}

const windowClosed = (deadline: string) =>
  new ConflictError(
    bi(
      `Đã hết thời hạn giải trình kết quả sơ bộ (${deadline}).`,
      `The window to answer the preliminary result closed at ${deadline}.`,
    ),
    { code: CODE.OBJECTION_WINDOW_CLOSED },
  );

function requireWindowOpen(state: ReportState, now: Date): void {
  const deadline = state.preliminary?.objectionDeadline ?? '';
  if (now >= new Date(deadline)) throw windowClosed(deadline);
}

/** The auditors accept or reject one verified document; a rejected one stops backing its fields. */
export function decideDocument(
  state: ReportState,
  evidenceId: string,
  decision: { verdict: DocumentVerdict; reason?: string; fields: readonly string[] },
  actor: Actor,
  now: Date,
): Transition {
  requireStatus(state, ['submitted', 'objected'], 'decide_document');
  const made: DocumentDecision = { ...decision, by: actor.sub, at: now.toISOString() };
  const documents = { ...state.documents, [evidenceId]: made };
  requireCommentRoom({ ...state, documents });
  return advance(state, 'decide_document', actor, now, { documents }, { documents: { [evidenceId]: made } });
}

/** The preliminary result: the verified values, decisions and comments for the unit become visible to it. */
export function publishPreliminary(state: ReportState, period: Period, actor: Actor, now: Date): Transition {
  requireStatus(state, ['submitted'], 'publish_preliminary');
  const deadline = new Date(now.getTime() + objectionWindowDays(period) * 86_400_000);
  const preliminary: PreliminaryResult = {
    round: state.submissions,
    publishedAt: now.toISOString(),
    publishedBy: actor.sub,
    objectionDeadline: deadline.toISOString(),
  };
  return advance(state, 'publish_preliminary', actor, now, {
    status: 'preliminary',
    preliminary,
    objections: {},
  });
}

/** The unit agrees within the window: the preliminary result is final. */
export function agreeWithPreliminary(state: ReportState, actor: Actor, now: Date): Transition {
  requireStatus(state, ['preliminary'], 'agree');
  requireWindowOpen(state, now);
  return advance(state, 'agree', actor, now, { status: 'accepted', acceptedAt: now.toISOString() });
}

export interface ObjectionInput {
  readonly field: string;
  readonly explanation: string;
  readonly evidenceIds: readonly string[];
}

/** The unit objects within the window, per field; the documents it sends now back those fields too. */
export function objectToPreliminary(
  state: ReportState,
  input: readonly ObjectionInput[],
  actor: Actor,
  now: Date,
): Transition {
  requireStatus(state, ['preliminary'], 'object');
  requireWindowOpen(state, now);
  const at = now.toISOString();
  const made: Record<string, Objection> = {};
  const evidenceByField: Record<string, readonly string[]> = { ...state.evidenceByField };
  for (const o of input) {
    made[o.field] = { explanation: o.explanation, evidenceIds: o.evidenceIds, by: actor.sub, at };
    if (o.evidenceIds.length)
      evidenceByField[o.field] = [...new Set([...(evidenceByField[o.field] ?? []), ...o.evidenceIds])];
  }
  requireCommentRoom({ ...state, objections: made });
  return advance(
    state,
    'object',
    actor,
    now,
    { status: 'objected', objections: made, evidenceByField },
    { objections: made },
  );
}

/**
 * The team answers one objection. Upheld, its value is the field's official one (officialFigures reads it) and
 * becomes the verified value when the review is final; dismissed, the preliminary value stands. An answer may be
 * changed until finalized; the unit sees it then.
 */
export function answerObjection(
  state: ReportState,
  field: string,
  answer: { verdict: ObjectionVerdict; value?: FieldValue; reason: string },
  actor: Actor,
  now: Date,
): Transition {
  requireStatus(state, ['objected'], 'answer_objection');
  const objection = state.objections?.[field];
  if (!objection) {
    throw new NotFoundError(
      bi(`Đơn vị không giải trình chỉ tiêu "${field}".`, `The unit made no objection on "${field}".`),
      { code: CODE.OBJECTION_NOT_FOUND },
    );
  }
  const at = now.toISOString();
  const answered: Objection = { ...objection, answer: { ...answer, by: actor.sub, at } };
  const objections = { ...state.objections, [field]: answered };
  requireCommentRoom({ ...state, objections });
  return advance(
    state,
    'answer_objection',
    actor,
    now,
    { objections },
    { objections: { [field]: answered } },
  );
}

/**
 * The team closes the review: after the window with no objection (recording what the rule already made
 * final), or once every objection has its answer. Never while the unit may still object.
 */
export function finalizeReview(state: ReportState, actor: Actor, now: Date): Transition {
  requireStatus(state, ['preliminary', 'objected'], 'finalize');
  if (state.status === 'preliminary' && now < new Date(state.preliminary?.objectionDeadline ?? 0)) {
    throw new ConflictError(
      bi(
        `Đơn vị còn được giải trình đến ${state.preliminary?.objectionDeadline}.`,
        `The unit may still object until ${state.preliminary?.objectionDeadline}.`,
      ),
      { code: CODE.OBJECTION_WINDOW_OPEN },
    );
  }
  const open = Object.entries(state.objections ?? {}).filter(([, o]) => !o.answer);
  if (open.length) {
    throw new ConflictError(
      bi(
        `Còn ${open.length} nội dung giải trình chưa được trả lời: ${open.map(([f]) => f).join(', ')}.`,
        `${open.length} objection(s) still need an answer: ${open.map(([f]) => f).join(', ')}.`,
      ),
      { code: CODE.OBJECTION_UNANSWERED },
    );
  }
  const verification = { ...state.verification, ...upheldValues(state) };
  return advance(
    state,
    'finalize',
    actor,
    now,
    { status: 'accepted', acceptedAt: now.toISOString(), verification },
    { verification: upheldValues(state) },
  );
}

/** The upheld answers as verified values, each with its answer's reason, author and time. */
export function upheldValues(state: Pick<ReportState, 'objections'>): Record<string, VerifiedField> {
  const out: Record<string, VerifiedField> = {};
  for (const [field, o] of Object.entries(state.objections ?? {})) {
    const a = o.answer;
    if (a?.verdict !== 'upheld') continue;
    out[field] = { value: a.value ?? null, comment: a.reason, visibility: 'unit', by: a.by, at: a.at };
  }
  return out;
}

/**
 * Fields whose evidence requirement no longer holds: the value needs a document (catalog `evidence`), and
 * every document that backed it (at submission, with an objection, or as judged) was rejected by the auditors.
 * A field whose documents were never judged is not in question.
 */
export function unsupportedFields(
  catalog: Catalog,
  report: Pick<ReportState, 'evidenceByField' | 'documents'>,
  values: ReportValues,
): string[] {
  const { documents } = report;
  if (!documents) return [];
  const backing = new Map<string, Set<string>>();
  const add = (field: string, id: string) => {
    const ids = backing.get(field) ?? new Set<string>();
    ids.add(id);
    backing.set(field, ids);
  };
  for (const [field, ids] of Object.entries(report.evidenceByField ?? {}))
    for (const id of ids) add(field, id);
  for (const [id, d] of Object.entries(documents)) for (const field of d.fields) add(field, id);
  return catalog.fields
    .filter((f) => needsEvidence(f, values[f.code]))
    .filter((f) => {
      const ids = backing.get(f.code);
      return ids !== undefined && [...ids].every((id) => documents[id]?.verdict === 'rejected');
    })
    .map((f) => f.code);
}
