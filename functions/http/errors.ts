import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, StaleWriteError, type DomainErrorCode, type FieldIssue } from '../../shared/domain/errors.js';

/** The only place that knows status codes (STYLE §4); `satisfies` makes an unmapped code a compile error. */
const STATUS = {
  VALIDATION_FAILED: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
} satisfies Record<DomainErrorCode, number>;

export type ErrorCode = DomainErrorCode | 'UNAUTHENTICATED' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';

/** A failure of the HTTP edge itself (auth, content type, size) rather than of the domain. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly FieldIssue[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export const errorBody = (code: ErrorCode, message: string, details: readonly FieldIssue[] = []) => ({
  error: { code, message, ...(details.length > 0 ? { details } : {}) },
});

const json = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/** Names the throttling and timeout failures of the store that a retry can cure. */
const isTransientStoreFailure = (err: unknown): boolean => {
  if (!(err instanceof Error)) return false;
  const transient = [
    'ProvisionedThroughputExceededException',
    'ThrottlingException',
    'RequestLimitExceeded',
    'InternalServerError',
    'ServiceUnavailable',
    'TimeoutError',
    'RequestTimeout',
    'TransactionInProgressException',
    'QueueUnavailable',
  ];
  if (transient.includes(err.name)) return true;
  if (err.name === 'TransactionCanceledException') {
    const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ThrottlingError' || r.Code === 'ProvisionedThroughputExceeded');
  }
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
};

export interface ErrorReporter {
  (message: string, err: unknown): void;
}

/**
 * Turns any thrown value into the SPEC §4 error envelope. Domain and edge errors keep their
 * message; transient store failures become 503 with Retry-After; anything else is a bug: logged
 * once with its cause and answered with a bare 500 that carries only the correlation id.
 */
export const toErrorResponse = (
  err: unknown,
  correlationId: string,
  report: ErrorReporter,
): APIGatewayProxyStructuredResultV2 => {
  // A write that lost its race to another one: the same request may well land a moment later.
  if (err instanceof StaleWriteError)
    return json(STATUS[err.code], errorBody(err.code, err.message, err.details), { 'retry-after': '1' });
  if (err instanceof DomainError) return json(STATUS[err.code], errorBody(err.code, err.message, err.details));
  if (err instanceof HttpError) return json(err.status, errorBody(err.code, err.message, err.details), err.headers);
  if (isTransientStoreFailure(err)) {
    report('store unavailable', err);
    return json(503, errorBody('UNAVAILABLE', 'the registry store is busy or unreachable; retry shortly'), {
      'retry-after': '1',
    });
  }
  report('unhandled error', err);
  return json(500, errorBody('INTERNAL', `internal error (correlation id ${correlationId})`));
};

export const jsonResponse = json;
