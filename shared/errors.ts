import {
  CODE,
  type CodeWithStatus,
  type ErrorCode,
  type ErrorStatus,
  type FieldIssue,
} from './contract/errors.ts';
import type { Bilingual } from './contract/i18n.ts';

/**
 * Domain errors are typed; one middleware maps them to HTTP. Nothing else builds an error response.
 */
export abstract class AppError<S extends ErrorStatus = ErrorStatus> extends Error {
  abstract readonly status: S;
  protected abstract readonly defaultCode: CodeWithStatus<S>;
  private readonly specificCode: CodeWithStatus<S> | undefined;
  readonly bilingual: Bilingual;
  readonly issues: readonly FieldIssue[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    message: Bilingual,
    opts: {
      issues?: readonly FieldIssue[];
      cause?: unknown;
      headers?: Record<string, string>;
      /** A code of the contract's with this class's status. */
      code?: CodeWithStatus<S>;
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
  get code(): ErrorCode {
    return this.specificCode ?? this.defaultCode;
  }
}

export class BadRequestError extends AppError<400> {
  readonly status = 400;
  protected readonly defaultCode = CODE.BAD_REQUEST;
}
export class ValidationError extends AppError<400> {
  readonly status = 400;
  protected readonly defaultCode = CODE.VALIDATION_FAILED;
}
export class UnauthorizedError extends AppError<401> {
  readonly status = 401;
  protected readonly defaultCode = CODE.UNAUTHORIZED;
}
export class ForbiddenError extends AppError<403> {
  readonly status = 403;
  protected readonly defaultCode = CODE.FORBIDDEN;
}
export class NotFoundError extends AppError<404> {
  readonly status = 404;
  protected readonly defaultCode = CODE.NOT_FOUND;
}
export class ConflictError extends AppError<409> {
  readonly status = 409;
  protected readonly defaultCode = CODE.CONFLICT;
}
export class PreconditionFailedError extends AppError<412> {
  readonly status = 412;
  protected readonly defaultCode = CODE.PRECONDITION_FAILED;
}
export class PayloadTooLargeError extends AppError<413> {
  readonly status = 413;
  protected readonly defaultCode = CODE.PAYLOAD_TOO_LARGE;
}
export class UnsupportedMediaTypeError extends AppError<415> {
  readonly status = 415;
  protected readonly defaultCode = CODE.UNSUPPORTED_MEDIA_TYPE;
}
export class UnprocessableError extends AppError<422> {
  readonly status = 422;
  protected readonly defaultCode = CODE.UNPROCESSABLE;
}
export class ServiceUnavailableError extends AppError<503> {
  readonly status = 503;
  protected readonly defaultCode = CODE.SERVICE_UNAVAILABLE;
}
