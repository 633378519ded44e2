import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import type { Caller, Role } from '../../shared/ports/caller.js';
import { readCaller } from './claims.js';
import { requestDeps, type RequestDeps } from './deps.js';
import { jsonResponse } from './errors.js';
import type { ParamSchemas } from './params.js';
import { authorise } from './steps/authorise.js';
import { mapErrors } from './steps/errors.js';
import { idempotency } from './steps/idempotency.js';
import { parse } from './steps/parse.js';
import { readBody, type TextBodyOptions } from './steps/read-body.js';
import { securityHeaders } from './steps/security-headers.js';
import { chain, type Exchange, type Next } from './steps/step.js';
import { timeAndLog } from './steps/time-and-log.js';

export type { TextBodyOptions } from './steps/read-body.js';

export interface RouteOptions<B, Q, P> {
  /** Schema of the JSON body; absent: the route reads no body. */
  readonly body?: z.ZodMiniType<B>;
  /** Schema of the query string parameters. */
  readonly query?: z.ZodMiniType<Q>;
  /** Schema of each path parameter (`{id}` in the route table's path); one that does not fit is a 404. */
  readonly params?: { readonly [K in keyof P]: z.ZodMiniType<P[K]> };
  /** Roles allowed; absent: anyone, token or not. */
  readonly allow?: readonly Role[];
  /** A text body of this media type (e.g. `text/csv`) instead of JSON, handed over as `text`; `maxBytes` defaults to MAX_BODY_BYTES. */
  readonly text?: TextBodyOptions;
  /** Where the deps come from in a Lambda container; default the environment's (requestDeps). */
  readonly lambdaDeps?: () => RequestDeps;
}

export interface RouteContext<B, Q, P, C> {
  readonly body: B;
  /** The text body of a `text` route; empty otherwise. */
  readonly text: string;
  readonly query: Q;
  readonly params: Readonly<P>;
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
  readonly body?: z.ZodMiniType | undefined;
  readonly query?: z.ZodMiniType | undefined;
  readonly params?: ParamSchemas | undefined;
  readonly allow?: readonly Role[] | undefined;
  readonly text?: TextBodyOptions | undefined;
}

export type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Called as is, it is the Lambda handler; `serveWith` gives the same handler other deps. */
export interface RouteHandler extends LambdaHandler {
  /** The handler over these deps: the local server gives each of its handlers its own (functions/local/registry.ts). */
  serveWith(deps: RequestDeps): LambdaHandler;
  /** The handler carries its own options, so the OpenAPI document is generated from the very schemas it validates with. */
  readonly spec: RouteSpecOptions;
}

type CallerOf<O> = O extends { allow: readonly Role[] } ? Caller : Caller | undefined;

/**
 * Builds a handler as its route-table row reads (STYLE §2). A request passes these steps, each in
 * its own module under functions/http/steps/, in this order:
 *
 *   securityHeaders  every answer carries them
 *   timeAndLog       one log line per request; `x-correlation-id`
 *   mapErrors        anything thrown below becomes the error envelope
 *   readBody         JSON or text, within the size limit (413/415/400)
 *   authorise        the roles the route allows (401/403)
 *   idempotency      a keyed write runs once; its answer is replayed
 *   mapErrors        again: a refused write's 4xx is an answer to keep for replay
 *   parse            body, query and path parameters through the route's schemas
 *
 * and then the route's own `run`, timed for the log line.
 */
export const route = <
  B = undefined,
  Q = Record<string, never>,
  P = Record<never, never>,
  O extends RouteOptions<B, Q, P> = RouteOptions<B, Q, P>,
>(
  options: O & RouteOptions<B, Q, P>,
  run: (ctx: RouteContext<B, Q, P, CallerOf<O>>) => Promise<RouteResult>,
): RouteHandler => {
  const spec: RouteSpecOptions = {
    body: options.body,
    query: options.query,
    params: options.params,
    allow: options.allow,
    text: options.text,
  };

  // The last link: the use-case, with the values `parse` produced under the types of the schemas that produced them.
  const answer: Next = async (exchange) => {
    const started = performance.now();
    try {
      const result = await run({
        body: exchange.body as B,
        text: exchange.text,
        query: exchange.query as Q,
        params: exchange.params as P,
        caller: exchange.caller as CallerOf<O>, // authorise let only an allowed caller through
        deps: exchange.deps,
        event: exchange.event,
      });
      return jsonResponse(result.status, result.body, result.headers);
    } finally {
      exchange.handlerMs = performance.now() - started;
    }
  };

  const handle = chain(
    securityHeaders,
    timeAndLog,
    mapErrors,
    readBody(options.text),
    authorise(options.allow),
    idempotency(options.allow),
    mapErrors,
    parse(spec),
  )(answer);

  const serve = (event: APIGatewayProxyEventV2, context: Context, deps: RequestDeps) =>
    handle({
      event,
      correlationId: event.requestContext?.requestId ?? context.awsRequestId ?? randomUUID(),
      caller: readCaller(event),
      deps,
      rawBody: undefined,
      text: '',
      body: undefined,
      query: undefined,
      params: undefined,
      handlerMs: 0,
    } satisfies Exchange);

  const lambdaDeps = options.lambdaDeps ?? requestDeps;
  const lambda: LambdaHandler = (event, context) => serve(event, context, lambdaDeps());
  return Object.assign(lambda, {
    serveWith:
      (deps: RequestDeps): LambdaHandler =>
      (event, context) =>
        serve(event, context, deps),
    spec,
  });
};
