import { recordRequest } from '../log.js';
import type { Step } from './step.js';

/**
 * One log line and one metrics record per request, whatever the outcome, under the correlation id
 * the client gets back in `x-correlation-id`. `latencyMs` is this step's view (every step below
 * it); `handlerMs` is the use-case alone, measured around it by route().
 */
export const timeAndLog: Step = (next) => async (exchange) => {
  const started = performance.now();
  const result = await next(exchange);
  const caller = exchange.caller?.sub;
  recordRequest({
    correlationId: exchange.correlationId,
    route: exchange.event.routeKey,
    status: result.statusCode ?? 200,
    latencyMs: performance.now() - started,
    handlerMs: exchange.handlerMs,
    ...(caller ? { caller } : {}),
  });
  return { ...result, headers: { ...result.headers, 'x-correlation-id': exchange.correlationId } };
};
