import type { FieldIssue } from './contract/errors.ts';
import type { Bilingual } from './contract/i18n.ts';

/**
 * Domain errors are typed; one middleware maps them to HTTP. Nothing else builds an error response.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  protected abstract readonly defaultCode: string;
  private readonly specificCode: string | undefined;
  readonly bilingual: Bilingual;
  readonly issues: readonly FieldIssue[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    message: Bilingual,
    opts: {
      issues?: readonly FieldIssue[];
      cause?: unknown;
      headers?: Record<string, string>;
      code?: string;
    } = {},
  ) {
    super(message.en, { cause: opts.cause });
    this.specificCode = opts.code;
    this.bilingual = message;
    this.issues = opts.issues ?? [];
    this.headers = opts.headers ?? {};
    this.name = new.target.name;
  }

  /** A specific code (DEADLINE_PASSED) when given, else the class's (CONFLICT). */
  get code(): string {
    return this.specificCode ?? this.defaultCode;
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  protected readonly defaultCode = 'BAD_REQUEST';
}
export class ValidationError extends AppError {
  readonly status = 400;
  protected readonly defaultCode = 'VALIDATION_FAILED';
}
export class UnauthorizedError extends AppError {
  readonly status = 401;
  protected readonly defaultCode = 'UNAUTHORIZED';
}
export class ForbiddenError extends AppError {
  readonly status = 403;
  protected readonly defaultCode = 'FORBIDDEN';
}
export class NotFoundError extends AppError {
  readonly status = 404;
  protected readonly defaultCode = 'NOT_FOUND';
}
export class ConflictError extends AppError {
  readonly status = 409;
  protected readonly defaultCode = 'CONFLICT';
}
export class PreconditionFailedError extends AppError {
  readonly status = 412;
  protected readonly defaultCode = 'PRECONDITION_FAILED';
}
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  protected readonly defaultCode = 'PAYLOAD_TOO_LARGE';
}
export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  protected readonly defaultCode = 'UNSUPPORTED_MEDIA_TYPE';
}
export class UnprocessableError extends AppError {
  readonly status = 422;
  protected readonly defaultCode = 'UNPROCESSABLE';
}
export class PreconditionRequiredError extends AppError {
  readonly status = 428;
  protected readonly defaultCode = 'PRECONDITION_REQUIRED';
}
export class ServiceUnavailableError extends AppError {
  readonly status = 503;
  protected readonly defaultCode = 'SERVICE_UNAVAILABLE';
}
