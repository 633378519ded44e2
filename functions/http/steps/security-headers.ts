import { SECURITY_HEADERS } from '../security-headers.js';
import type { Step } from './step.js';

/** Every answer carries the security headers; a route's own header of the same name wins. */
export const securityHeaders: Step = (next) => async (exchange) => {
  const result = await next(exchange);
  return { ...result, headers: { ...SECURITY_HEADERS, ...result.headers } };
};
