import type { Bilingual } from './i18n.ts';

/** One failing field: where, what kind of failure, and what to tell the user in both languages. */
export interface FieldIssue {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

/**
 * Domain errors are typed; one middleware maps them to HTTP. Nothing else builds an error response.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly bilingual: Bilingual;
  readonly issues: readonly FieldIssue[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    message: Bilingual,
    opts: { issues?: readonly FieldIssue[]; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message.en, { cause: opts.cause });
    this.bilingual = message;
    this.issues = opts.issues ?? [];
    this.headers = opts.headers ?? {};
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly code = 'BAD_REQUEST';
}
export class ValidationError extends AppError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
}
export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'UNAUTHORIZED';
}
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'FORBIDDEN';
}
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'NOT_FOUND';
}
export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = 'CONFLICT';
}
export class PreconditionFailedError extends AppError {
  readonly status = 412;
  readonly code = 'PRECONDITION_FAILED';
}
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}
export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}
export class UnprocessableError extends AppError {
  readonly status = 422;
  readonly code = 'UNPROCESSABLE';
}
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  readonly code = 'PRECONDITION_REQUIRED';
}
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'SERVICE_UNAVAILABLE';
}
