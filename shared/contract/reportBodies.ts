import * as z from 'zod/mini';
import { COMMENT_VISIBILITIES, MAX_COMMENT_CHARS, MAX_COMMENTS_PER_REPORT } from './comments.ts';
import { EVIDENCE_ID } from './params.ts';
import { DOCUMENT_VERDICTS, OBJECTION_VERDICTS } from './statuses.ts';

/*
 * The bodies of a report's own routes: the agency's save, the auditors' verification, return and accept (the
 * admin's are in bodies.ts). They say which keys a caller may send at all; a report's values are checked
 * against the year's catalog (validateDraft).
 *
 * zod/mini, not zod, and in a module of their own: every schema a module defines is built when a function
 * imports it, and full zod with every body was a tenth of each report function's bundle and cold start.
 */

/** Trimmed, not blank, at most `max` characters. */
export const boundedText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const saveReportBody = z.strictObject({ values: z.record(z.string(), z.unknown()) });
/** Who a comment is for (comments.ts). */
const visibility = z.enum(COMMENT_VISIBILITIES);
export const verificationBody = z.strictObject({
  fields: z.record(
    z.string(),
    z.strictObject({
      value: z.optional(z.unknown()),
      comment: z.optional(z.string().check(z.minLength(1), z.maxLength(MAX_COMMENT_CHARS))),
      /** @default 'internal': a note made while verifying stays with the auditors unless marked for the unit. */
      visibility: z.optional(visibility),
    }),
  ),
});
export const returnBody = z.strictObject({
  comments: z
    .array(
      z.strictObject({
        field: z.optional(z.string().check(z.maxLength(64))),
        text: boundedText(MAX_COMMENT_CHARS),
        /** @default 'unit': what a return is for. */
        visibility: z.optional(visibility),
      }),
    )
    .check(z.minLength(1), z.maxLength(MAX_COMMENTS_PER_REPORT)),
});
export const acceptBody = z.strictObject({
  comment: z.optional(boundedText(MAX_COMMENT_CHARS)),
  visibility: z.optional(visibility),
});

/** The bounds of a period's objection window, in days. */
export const OBJECTION_WINDOW_DAYS = { min: 1, max: 30 } as const;
/** The window when the period does not set one: a system default, no legal source (docs/review-rounds.md). */
export const DEFAULT_OBJECTION_WINDOW_DAYS = 7;
/** A name or title of the head of the agency. */
export const MAX_HEAD_CHARS = 120;
/** Documents one objection may bring. */
export const MAX_OBJECTION_EVIDENCE = 10;

/**
 * POST /reports/{year}/submit: the head of the agency (thủ trưởng cơ quan) vouches for the figures, as
 * Circular 06/2013 asks of the report; `attest` must be true (the statement is ATTESTATION in receipt.ts).
 */
export const submitBody = z.strictObject({
  head: z.strictObject({ name: boundedText(MAX_HEAD_CHARS), title: boundedText(MAX_HEAD_CHARS) }),
  attest: z.literal(true),
});
/** PUT …/evidence/{evidenceId}/decision: a rejection says why. */
export const documentDecisionBody = z
  .strictObject({
    verdict: z.enum(DOCUMENT_VERDICTS),
    reason: z.optional(boundedText(MAX_COMMENT_CHARS)),
  })
  .check(
    z.refine((b) => b.verdict === 'accepted' || b.reason !== undefined, {
      path: ['reason'],
      message: 'required',
    }),
  );
/** POST /reports/{year}/objections: one objection per field, each explained. */
export const objectionBody = z.strictObject({
  objections: z
    .array(
      z.strictObject({
        field: z.string().check(z.minLength(1), z.maxLength(64)),
        explanation: boundedText(MAX_COMMENT_CHARS),
        evidenceIds: z._default(
          z.array(z.string().check(z.regex(EVIDENCE_ID.pattern))).check(z.maxLength(MAX_OBJECTION_EVIDENCE)),
          [],
        ),
      }),
    )
    .check(z.minLength(1), z.maxLength(MAX_COMMENTS_PER_REPORT)),
});
/** PUT …/objections/{field}: upheld with the value it changes to, or dismissed; a reason either way. */
export const objectionAnswerBody = z.strictObject({
  verdict: z.enum(OBJECTION_VERDICTS),
  value: z.optional(z.unknown()),
  reason: boundedText(MAX_COMMENT_CHARS),
});
