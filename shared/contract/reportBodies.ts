import * as z from 'zod/mini';
import { COMMENT_VISIBILITIES, MAX_COMMENT_CHARS, MAX_COMMENTS_PER_REPORT } from './comments.ts';
import { MAX_HEAD_CHARS } from './review.ts';

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

/**
 * POST /reports/{year}/submit: the head of the agency (thủ trưởng cơ quan) vouches for the figures, as
 * Circular 06/2013 asks of the report; `attest` must be true (the statement is ATTESTATION in review.ts).
 */
export const submitBody = z.strictObject({
  head: z.strictObject({ name: boundedText(MAX_HEAD_CHARS), title: boundedText(MAX_HEAD_CHARS) }),
  attest: z.literal(true),
});
