import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Caller } from '../../../shared/ports/caller.js';
import type { RequestDeps } from '../deps.js';

export type Result = APIGatewayProxyStructuredResultV2;

/**
 * One request on its way through the chain. The steps fill in what they learn (the body, the
 * parsed input, the handler's time) so the steps after them read it from here.
 */
export interface Exchange {
  readonly event: APIGatewayProxyEventV2;
  /** API Gateway's request id: in the log line, the `x-correlation-id` header and a 500's message. */
  readonly correlationId: string;
  /** Read once from the verified claims; `authorise` decides whether it may call. */
  readonly caller: Caller | undefined;
  /** The container's or the local server's; a keyed write swaps in keyed ids (steps/idempotency.ts). */
  deps: RequestDeps;
  /** By `readBody`: the JSON body (undefined when none), or the text of a text route. */
  rawBody: unknown;
  text: string;
  /** By `parse`: the values the route's schemas produced. */
  body: unknown;
  query: unknown;
  params: unknown;
  /** By the handler's own timer: the use-case alone, for the log line. */
  handlerMs: number;
}

/** The rest of the chain, from a step's point of view. */
export type Next = (exchange: Exchange) => Promise<Result>;

/** A step does its one thing around `next`: before it, after it, or instead of it. */
export type Step = (next: Next) => Next;

/** `chain(a, b, c)(last)` is `a(b(c(last)))`: a request meets the steps in the order written. */
export const chain =
  (...steps: readonly Step[]) =>
  (last: Next): Next =>
    steps.reduceRight((next, step) => step(next), last);
