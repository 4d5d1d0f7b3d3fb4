import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Identity } from '../auth.ts';
import type { IdempotencyClaim, Outcome } from '../store/idempotency.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResponse = APIGatewayProxyStructuredResultV2;

export interface PublicRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  readonly requestId: string;
  readonly sourceIp: string;
  /**
   * X-Forwarded-For as received. In AWS the API sits behind CloudFront, so sourceIp is an edge address and the
   * viewer's address is in this chain; it is recorded beside sourceIp, not trusted on its own.
   */
  readonly forwardedFor?: string;
  readonly receivedAt: Date;
}

export interface AuthedRequest extends PublicRequest {
  readonly identity: Identity;
  /** Set when the request carried an Idempotency-Key not seen before; pass it to the store's commit. */
  readonly claim: IdempotencyClaim | undefined;
}

/** What a handler answers: a command's outcome, which resultResponse puts on the wire. */
export type ApiResult = Outcome;
