/*
 * The auditors' comments on a report: who each is for, and how much a report may hold. A module with no
 * imports, so the request bodies, the domain and the web pages share one copy.
 */

/** Who a comment is for: the unit (shown to it once the report is returned or accepted), or the auditors only. */
export const COMMENT_VISIBILITIES = ['unit', 'internal'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

/**
 * What a report may hold of the auditors' words, so that no report item (nor its revision, nor the response
 * an idempotency claim keeps) nears DynamoDB's 400 KB: comments over all rounds, and the UTF-8 bytes of every
 * comment text, review and verification notes alike.
 */
export const MAX_COMMENTS_PER_REPORT = 200;
export const MAX_COMMENT_CHARS = 2000;
export const MAX_COMMENT_BYTES_PER_REPORT = 96 * 1024;
