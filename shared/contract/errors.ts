import { bi, type Bilingual } from './i18n.ts';

/**
 * Every error code the API answers with, and its HTTP status: the one list the server's typed errors, the
 * OpenAPI document and the browser read. A code names what went wrong; the status says what kind of wrong.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** Deployed, the request did not come through the site's CloudFront distribution. */
  NOT_THROUGH_SITE: 403,
  NOT_YOUR_EVIDENCE: 403,
  /** The token's unit is not in the hierarchy. */
  UNIT_UNKNOWN: 403,
  /** The token's unit is not valid today: it ended, or has not begun. */
  UNIT_NOT_VALID: 403,
  /** The token's unit is not in the hierarchy of the year asked about. */
  UNIT_NOT_IN_YEAR: 403,
  NOT_FOUND: 404,
  NO_REPORTING_PERIOD: 404,
  UNIT_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  EVIDENCE_NOT_FOUND: 404,
  NO_ROLLUP: 404,
  CONFLICT: 409,
  REPORT_LOCKED: 409,
  INVALID_STATE: 409,
  PERIOD_NOT_OPEN: 409,
  DEADLINE_PASSED: 409,
  CONCURRENT_UPDATE: 409,
  /** Other hierarchy edits kept landing first; the edit can be sent again. */
  HIERARCHY_CHANGED: 409,
  TOO_MANY_FILES: 409,
  /** The same file (SHA-256) is already a live file of the report for one of the declared fields. */
  DUPLICATE_EVIDENCE: 409,
  EVIDENCE_NOT_LIVE: 409,
  EVIDENCE_NOT_VERIFIED: 409,
  UPLOAD_MISSING: 409,
  /** The unit's window to agree with or object to the preliminary result has closed. */
  OBJECTION_WINDOW_CLOSED: 409,
  /** The preliminary result cannot be finalized while the unit may still object. */
  OBJECTION_WINDOW_OPEN: 409,
  /** Every objection needs the inspection team's answer before the result is final. */
  OBJECTION_UNANSWERED: 409,
  OBJECTION_NOT_FOUND: 404,
  /** Another rollup of the year is running; its run id is in the answer. */
  ROLLUP_RUNNING: 409,
  PRECONDITION_FAILED: 412,
  VERSION_MISMATCH: 412,
  PAYLOAD_TOO_LARGE: 413,
  /** What would be stored passes DynamoDB's item limit. */
  ITEM_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  SUBMISSION_INVALID: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  EVIDENCE_REJECTED: 422,
  /** The report holds as many of the auditors' comments (count or bytes) as it may. */
  COMMENT_LIMIT_REACHED: 422,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];
/** The codes that share one status, e.g. every 409. */
export type CodeWithStatus<S extends ErrorStatus> = {
  [K in ErrorCode]: (typeof ERROR_STATUS)[K] extends S ? K : never;
}[ErrorCode];

const namesOf = <K extends string>(rec: Record<K, unknown>) =>
  Object.fromEntries(Object.keys(rec).map((k) => [k, k])) as { readonly [P in K]: P };

/** `CODE.REPORT_LOCKED === 'REPORT_LOCKED'`: code is compared and thrown by name, never by a string literal. */
export const CODE = namesOf(ERROR_STATUS);

/**
 * Failures the browser meets on its own, outside the API (a storage download refused, a checksum that does not
 * match, an answer with no error body); it reports them in the same shape as API errors.
 */
export const CLIENT_CODE = namesOf({ DOWNLOAD_FAILED: 0, CHECKSUM_MISMATCH: 0, UNKNOWN: 0 });
export type ClientCode = keyof typeof CLIENT_CODE;

/** One failing field: where, what kind of failure, and what to tell the user in both languages. */
export interface FieldIssue {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

/** The body of every error answer. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: Bilingual;
    readonly issues?: readonly FieldIssue[];
  };
  readonly requestId?: string;
}

/** Field-issue codes that a caller (the browser) acts on, not only shows. */
export const ISSUE = {
  unknownField: 'unknown_field',
  evidenceRequired: 'evidence_required',
  evidenceRejected: 'evidence_rejected',
  duplicateEvidence: 'duplicate_evidence',
} as const;

/** A key nobody declared: a body's, a query's or a report's (which words it as a field of the year's form). */
export const unknownField = (
  path: string,
  name: string,
  message: Bilingual = bi(`Trường "${name}" không tồn tại`, `Unknown field "${name}"`),
): FieldIssue => ({ path, code: ISSUE.unknownField, message });
