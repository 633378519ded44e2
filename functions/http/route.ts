import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { DomainError } from '../../shared/domain/errors.js';
import type { Caller, Role } from '../../shared/ports/caller.js';
import { keyedIds } from '../../shared/ports/ids.js';
import { toFieldIssues } from '../../shared/schemas/issues.js';
import { readCaller } from './claims.js';
import { requestDeps, type RequestDeps } from './deps.js';
import { HttpError, jsonResponse, toErrorResponse } from './errors.js';
import { idempotencyKey, withIdempotency } from './idempotency.js';
import { logError, recordRequest } from './log.js';
import { readJsonBody } from './request.js';
import { securityHeaders } from './security-headers.js';
import { readTextBody } from './text-body.js';

export interface TextBodyOptions {
  readonly mediaType: string;
  readonly maxBytes?: number;
}

export interface RouteOptions<B, Q> {
  /** Schema of the JSON body; absent: the route reads no body. */
  readonly body?: z.ZodMiniType<B>;
  /** Schema of the query string parameters. */
  readonly query?: z.ZodMiniType<Q>;
  /** Roles allowed; absent: anyone, token or not. */
  readonly allow?: readonly Role[];
  /** A text body of this media type (e.g. `text/csv`) instead of JSON, handed over as `text`; `maxBytes` defaults to MAX_BODY_BYTES. */
  readonly text?: TextBodyOptions;
}

export interface RouteContext<B, Q, C> {
  readonly body: B;
  /** The text body of a `text` route; empty otherwise. */
  readonly text: string;
  readonly query: Q;
  readonly params: Readonly<Record<string, string>>;
  readonly caller: C;
  readonly deps: RequestDeps;
  readonly event: APIGatewayProxyEventV2;
}

export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** What a route validates and who may call it, read by the OpenAPI generator (functions/openapi). */
export interface RouteSpecOptions {
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  readonly allow?: readonly Role[];
  readonly text?: TextBodyOptions;
}

type CallerOf<O> = O extends { allow: readonly Role[] } ? Caller : Caller | undefined;
type Result = APIGatewayProxyStructuredResultV2;

const pathParams = (event: APIGatewayProxyEventV2): Record<string, string> =>
  Object.fromEntries(Object.entries(event.pathParameters ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])));

/*
 * Writes are the token-guarded routes with a writing method (functions/routes.ts: every public
 * route only reads, POST queries such as eligibility included; a token-guarded GET, such as an
 * import job's progress, reads what only its owner may see). Idempotency keys are kept for writes
 * only: a read has nothing to replay, and the read-only functions in AWS have no right to write
 * the key record.
 */
const isWrite = (event: APIGatewayProxyEventV2, allow: readonly Role[] | undefined) =>
  allow !== undefined && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(event.requestContext.http.method);

const parseWith = <T>(schema: z.ZodMiniType<T>, value: unknown, prefix: string): T => {
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

const authorise = (event: APIGatewayProxyEventV2, allow: readonly Role[] | undefined): Caller | undefined => {
  const caller = readCaller(event);
  if (!allow) return caller;
  if (!caller) throw new HttpError(401, 'UNAUTHENTICATED', 'a valid bearer token is required');
  if (!allow.includes(caller.role)) {
    throw new HttpError(403, 'FORBIDDEN', `role ${caller.role} may not do this (allowed: ${allow.join(', ')})`);
  }
  return caller;
};

/**
 * Builds a handler as its route-table row reads (STYLE §2): body limits and JSON, role check,
 * idempotency for writes, zod parsing, one use-case, and one error envelope.
 */
export const route = <B = undefined, Q = Record<string, never>, O extends RouteOptions<B, Q> = RouteOptions<B, Q>>(
  options: O & RouteOptions<B, Q>,
  run: (ctx: RouteContext<B, Q, CallerOf<O>>) => Promise<RouteResult>,
) => {
  const querySchema = strictQuery(options.query);
  const serve = async (
    event: APIGatewayProxyEventV2,
    correlationId: string,
    timing: { handlerMs: number },
  ): Promise<Result> => {
    const report = (message: string, err: unknown) => logError(message, { correlationId, route: event.routeKey }, err);
    try {
      const rawBody = options.text ? undefined : readJsonBody(event);
      const text = options.text ? readTextBody(event, options.text.mediaType, options.text.maxBytes) : '';
      const caller = authorise(event, options.allow);
      const key = isWrite(event, options.allow) ? idempotencyKey(event) : undefined;
      const scope = caller?.sub ?? 'anonymous';
      // A keyed write names what it creates after its key, so its retry finds it (shared/ports/ids.ts).
      const deps = key === undefined ? requestDeps() : { ...requestDeps(), ids: keyedIds(`${scope}\n${key}`) };
      const answer = async (): Promise<Result> => {
        try {
          if (!options.body) assertNoBody(rawBody);
          const ctx = {
            body: (options.body ? parseWith(options.body, rawBody, '') : undefined) as B,
            text,
            query: parseWith(querySchema, event.queryStringParameters ?? {}, 'query') as Q,
            params: pathParams(event),
            caller: caller as CallerOf<O>,
            deps,
            event,
          };
          const started = performance.now();
          try {
            const result = await run(ctx);
            return jsonResponse(result.status, result.body, result.headers);
          } finally {
            timing.handlerMs = performance.now() - started;
          }
        } catch (err) {
          if (err instanceof DomainError || err instanceof HttpError)
            return toErrorResponse(err, correlationId, report);
          throw err;
        }
      };
      if (key === undefined) return await answer();
      return await withIdempotency(deps.idempotency, scope, key, event, answer);
    } catch (err) {
      return toErrorResponse(err, correlationId, report);
    }
  };
  // Every request gets one log line and its metrics under one correlation id, echoed to the client.
  const core = async (event: APIGatewayProxyEventV2, context: Context): Promise<Result> => {
    const started = performance.now();
    const correlationId = event.requestContext?.requestId ?? context.awsRequestId ?? randomUUID();
    const timing = { handlerMs: 0 };
    const result = await serve(event, correlationId, timing);
    const caller = readCaller(event)?.sub;
    recordRequest({
      correlationId,
      route: event.routeKey,
      status: result.statusCode ?? 200,
      latencyMs: performance.now() - started,
      handlerMs: timing.handlerMs,
      ...(caller ? { caller } : {}),
    });
    return { ...result, headers: { ...result.headers, 'x-correlation-id': correlationId } };
  };
  const spec: RouteSpecOptions = { body: options.body, query: options.query, allow: options.allow, text: options.text };
  // The handler carries its own options, so the OpenAPI document is generated from the very schemas it validates with.
  return Object.assign(middy<APIGatewayProxyEventV2, Result>().use(securityHeaders()).handler(core), { spec });
};
