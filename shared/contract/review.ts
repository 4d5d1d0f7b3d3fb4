/*
 * The bounds of the two-round review (shared/domain/review.ts), in a module with no imports, so the web pages
 * and the request bodies share one copy without carrying a validator.
 */

/** The bounds of a period's objection window, in days. */
export const OBJECTION_WINDOW_DAYS = { min: 1, max: 30 } as const;
/** The window when the period does not set one: a system default, no legal source (docs/review-rounds.md). */
export const DEFAULT_OBJECTION_WINDOW_DAYS = 7;
/** A name or title of the head of the agency. */
export const MAX_HEAD_CHARS = 120;
/** Documents one objection may bring. */
export const MAX_OBJECTION_EVIDENCE = 10;

/** What the head of the agency attests on submitting (Circular 06/2013: the report is signed by them). */
export const ATTESTATION = {
  vi: 'Tôi, thủ trưởng cơ quan, xác nhận các số liệu trong báo cáo này là đúng sự thật và chịu trách nhiệm về tính chính xác của số liệu.',
  en: 'I, the head of the agency, attest that the figures in this report are true and take responsibility for their accuracy.',
} as const;
