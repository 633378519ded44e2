import type { Role } from '../../../shared/ports/caller.js';
import { HttpError } from '../errors.js';
import type { Step } from './step.js';

/**
 * A route that names roles answers 401 without verified claims and 403 to any other role; a route
 * that names none is open to anyone, token or not (its handler may still look at the caller).
 */
export const authorise =
  (allow: readonly Role[] | undefined): Step =>
  (next) =>
  (exchange) => {
    if (!allow) return next(exchange);
    const { caller } = exchange;
    if (!caller) throw new HttpError(401, 'UNAUTHENTICATED', 'a valid bearer token is required');
    if (!allow.includes(caller.role)) {
      throw new HttpError(403, 'FORBIDDEN', `role ${caller.role} may not do this (allowed: ${allow.join(', ')})`);
    }
    return next(exchange);
  };
