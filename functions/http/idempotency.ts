import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { conflict } from '../../shared/domain/errors.js';
import type { IdempotencyStore } from '../../shared/ports/idempotency-store.js';
import { HttpError } from './errors.js';
import { header } from './request.js';

type Result = APIGatewayProxyStructuredResultV2;

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

/**
 * What makes two requests the same: method, path, query string, the precondition (`If-Match`) and
 * the body. A different If-Match or query under the same key is another request (409), not a replay.
 */
const fingerprintOf = (event: APIGatewayProxyEventV2) =>
  createHash('sha256')
    .update(`${event.requestContext.http.method} ${event.rawPath}?${event.rawQueryString ?? ''}\n`)
    .update(`if-match: ${header(event, 'if-match') ?? ''}\n`)
    .update(event.body ?? '')
    .digest('hex');

/**
 * Answers up to this size are kept whole. A DynamoDB item holds at most 400 KB, so a larger answer
 * (a long rule, a big import report) is kept as what a replay needs: its status and headers, the
 * identifying fields of the resource, and a digest of the body the first request received.
 */
export const MAX_KEPT_ANSWER_BYTES = 64 * 1024;

const IDENTIFYING = [
  'id',
  'version',
  'status',
  'currentVersion',
  'contentHash',
  'institutionId',
  'programmeId',
  'rows',
  'created',
  'updated',
  'unchanged',
  'rejected',
];

const keptBody = (body: string | undefined): unknown => {
  if (!body) return null;
  const parsed: unknown = JSON.parse(body);
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes <= MAX_KEPT_ANSWER_BYTES) return parsed;
  const fields =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? Object.fromEntries(
          Object.entries(parsed).filter(([name, value]) => IDENTIFYING.includes(name) && typeof value !== 'object'),
        )
      : {};
  return {
    ...fields,
    replayed: {
      bytes,
      sha256: createHash('sha256').update(body).digest('hex'),
      message: `the first answer (${bytes} bytes) is too large to keep whole; read the resource for it`,
    },
  };
};

/** Worth replaying: a definite answer. A 5xx, or a 409 that says "retry" (a lost race), is not. */
const hasRetryAfter = (result: Result) =>
  Object.keys(result.headers ?? {}).some((name) => name.toLowerCase() === 'retry-after');
const isDefinite = (result: Result) => (result.statusCode ?? 200) < 500 && !hasRetryAfter(result);

/**
 * SPEC §4: a retried write returns the first answer and writes nothing new; the same key with a
 * different request is a 409. Keys are scoped to the caller, so one client cannot replay another's
 * answer. Definite answers (2xx and 4xx) are kept; a 5xx or a retryable 409 (Retry-After) releases
 * the key so the retry runs again.
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
  if (!isDefinite(result)) {
    await store.release(scope, key);
  } else {
    await store.complete(scope, key, {
      status: result.statusCode ?? 200,
      body: keptBody(result.body),
      headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
    });
  }
  return result;
};
