import type { Role } from '../../../shared/ports/caller.js';
import { keyedIds } from '../../../shared/ports/ids.js';
import { idempotencyKey, withIdempotency } from '../idempotency.js';
import type { Step } from './step.js';

const WRITING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * SPEC §4: a write retried with the same Idempotency-Key gets the first answer again and writes
 * nothing new.
 *
 * Writes are the token-guarded routes with a writing method (functions/routes.ts: every public
 * route only reads, POST queries such as eligibility included; a token-guarded GET, such as an
 * import job's progress, reads what only its owner may see). Keys are kept for writes only: a read
 * has nothing to replay, and the read-only functions in AWS have no right to write the key record.
 *
 * The rule of what is kept (functions/http/idempotency.ts): an answer below 500 without
 * Retry-After, so every 2xx and every 4xx, is kept and replayed; a 5xx, an answer with Retry-After
 * (a 409 that lost a race) or a thrown error releases the key, so the retry runs again. This is
 * why `mapErrors` runs again below this step: a refused write's 4xx is an answer to keep, not an
 * exception that releases the key.
 */
export const idempotency =
  (allow: readonly Role[] | undefined): Step =>
  (next) =>
  (exchange) => {
    if (allow === undefined || !WRITING_METHODS.includes(exchange.event.requestContext.http.method))
      return next(exchange);
    const key = idempotencyKey(exchange.event);
    if (key === undefined) return next(exchange);
    const scope = exchange.caller?.sub ?? 'anonymous';
    // A keyed write names what it creates after its key, so its retry finds it (shared/ports/ids.ts).
    exchange.deps = { ...exchange.deps, ids: keyedIds(`${scope}\n${key}`) };
    return withIdempotency(exchange.deps.idempotency, scope, key, exchange.event, () => next(exchange));
  };
