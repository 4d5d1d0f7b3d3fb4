import * as z from 'zod/mini';
import { MAX_COMMENT_CHARS, MAX_COMMENTS_PER_REPORT } from './comments.ts';
import { EVIDENCE_ID } from './params.ts';
import { boundedText } from './reportBodies.ts';
import { MAX_OBJECTION_EVIDENCE } from './review.ts';
import { DOCUMENT_VERDICTS, OBJECTION_VERDICTS } from './statuses.ts';

/*
 * The bodies of the two-round review's own routes (shared/domain/review.ts). A module of their own, as
 * reportBodies.ts explains: the agency's save function builds none of them.
 */

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
