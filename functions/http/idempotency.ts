import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { conflict } from '../../shared/domain/errors.js';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store.js';
import { HttpError } from './errors.js';
import { header } from './request.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The key a client sent, or undefined; a malformed key is a 400. */
export const idempotencyKey = (event: APIGatewayProxyEventV2): string | undefined => {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'Idempotency-Key must be 1–255 visible ASCII characters', [
      { path: '(header) idempotency-key', message: 'malformed' },
    ]);
  }
  return key;
};

const fingerprintOf = (event: APIGatewayProxyEventV2) =>
  createHash('sha256')
    .update(`${event.requestContext.http.method} ${event.rawPath}\n`)
    .update(event.body ?? '')
    .digest('hex');

type Result = APIGatewayProxyStructuredResultV2;

/**
 * SPEC §4: a retried write returns the first answer and writes nothing new; the same key with a
 * different request is a 409. Keys are scoped to the caller, so one client cannot replay another's
 * answer. Definite answers (2xx and 4xx) are kept; a 5xx releases the key so the retry runs again.
 */
export const withIdempotency = async (
  store: IdempotencyStore,
  scope: string,
  key: string,
  event: APIGatewayProxyEventV2,
  run: () => Promise<Result>,
): Promise<Result> => {
  const claim = await store.claim(scope, key, fingerprintOf(event));
  switch (claim.kind) {
    case 'replay':
      return {
        statusCode: claim.response.status,
        headers: { ...claim.response.headers, 'idempotent-replayed': 'true' },
        body: JSON.stringify(claim.response.body),
      };
    case 'mismatch':
      throw conflict('this Idempotency-Key was used with a different request');
    case 'in-progress':
      throw conflict('a request with this Idempotency-Key is still in progress; retry later');
    case 'claimed':
      break;
  }
  let result: Result;
  try {
    result = await run();
  } catch (err) {
    await store.release(scope, key);
    throw err;
  }
  const status = result.statusCode ?? 200;
  if (status >= 500) {
    await store.release(scope, key);
  } else {
    await store.complete(scope, key, {
      status,
      body: result.body ? (JSON.parse(result.body) as unknown) : null,
      headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
    });
  }
  return result;
};
