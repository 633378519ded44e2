import * as z from 'zod/mini';
import { DomainError } from '../../../shared/domain/errors.js';
import { toFieldIssues } from '../../../shared/schemas/issues.js';
import { type ParamSchemas, parseParams } from '../params.js';
import type { Step } from './step.js';

export interface InputSchemas {
  readonly body?: z.ZodMiniType | undefined;
  readonly query?: z.ZodMiniType | undefined;
  readonly params?: ParamSchemas | undefined;
}

const parseWith = (schema: z.ZodMiniType, value: unknown, prefix: string): unknown => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = toFieldIssues(parsed.error, prefix);
  throw new DomainError('VALIDATION_FAILED', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
};

/** SPEC §4: query strings are strict. A route without a query schema takes no parameter at all. */
const NO_QUERY = z.strictObject({});
const strictQuery = (schema: z.ZodMiniType | undefined): z.ZodMiniType =>
  schema === undefined ? NO_QUERY : schema instanceof z.ZodMiniObject ? z.catchall(schema, z.never()) : schema;

/** SPEC §4: a route that reads no body names what it was sent rather than silently ignoring it. */
const assertNoBody = (rawBody: unknown): void => {
  if (rawBody === undefined || rawBody === null) return;
  const fields = typeof rawBody === 'object' && !Array.isArray(rawBody) ? Object.keys(rawBody) : undefined;
  if (fields?.length === 0) return;
  const details = fields
    ? fields.map((f) => ({ path: f, message: `unknown field ${f}: this route takes no body` }))
    : [{ path: '(body)', message: 'this route takes no body' }];
  throw new DomainError('VALIDATION_FAILED', details.map((d) => d.message).join('; '), details);
};

/**
 * The route's input through its own schemas, in this order: the body (400 naming each field), the
 * query string (400), the path parameters (404: a value that fits no schema names nothing).
 */
export const parse = (schemas: InputSchemas): Step => {
  const query = strictQuery(schemas.query);
  const params = Object.entries(schemas.params ?? {});
  return (next) => (exchange) => {
    if (schemas.body) exchange.body = parseWith(schemas.body, exchange.rawBody, '');
    else assertNoBody(exchange.rawBody);
    exchange.query = parseWith(query, exchange.event.queryStringParameters ?? {}, 'query');
    exchange.params = parseParams(params, exchange.event.pathParameters);
    return next(exchange);
  };
};
