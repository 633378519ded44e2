import { toErrorResponse } from '../errors.js';
import { logError } from '../log.js';
import type { Step } from './step.js';

/**
 * Whatever a step below throws becomes the SPEC §4 error envelope (functions/http/errors.ts decides
 * the status). A bug or an unreachable store is logged here, once, with the request's ids.
 */
export const mapErrors: Step = (next) => async (exchange) => {
  try {
    return await next(exchange);
  } catch (err) {
    return toErrorResponse(err, exchange.correlationId, (message, cause) =>
      logError(message, { correlationId: exchange.correlationId, route: exchange.event.routeKey }, cause),
    );
  }
};
