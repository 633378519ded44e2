export type DomainErrorCode = 'VALIDATION_FAILED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED';

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** A failure the caller can act on; mapped to an HTTP status in functions/http/errors.ts only. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: readonly FieldIssue[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = code;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const invalid = (path: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `${path}: ${message}`, [{ path, message }]);

/**
 * A conditioned write lost a race: the item changed since it was read. Use-cases that can decide
 * again on fresh data retry; the rest report CONFLICT.
 */
export class StaleWriteError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super('CONFLICT', message, [], options);
  }
}
