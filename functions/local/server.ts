import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { RequestDeps } from '../http/deps.js';
import { errorBody } from '../http/errors.js';
import { MAX_BODY_BYTES } from '../http/limits.js';
import type { LambdaHandler, RouteHandler } from '../http/route.js';
import { SECURITY_HEADERS } from '../http/security-headers.js';
import type { RouteSpec } from '../routes.js';
import { lambdaContext, toEvent } from './event.js';
import { BodyTooLarge, readBody } from './read-body.js';
import type { RateLimiter } from './rate-limit.js';
import { matchRoute } from './router.js';
import { verifyToken } from './tokens.js';

export interface LocalApiOptions {
  readonly routes: readonly RouteSpec[];
  /** Handler of each route table `handler` module name. */
  readonly handlers: ReadonlyMap<string, LambdaHandler>;
  readonly secret: Uint8Array;
  /** Origins allowed by CORS (the CDK stack configures the same list on the HTTP API). */
  readonly corsOrigins?: readonly string[];
  /** Optional extra routes served before the API (e.g. static pages); return true when handled. */
  readonly extra?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** Per-subject throttling (functions/local/rate-limit.ts); absent: none. */
  readonly rateLimit?: RateLimiter;
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers });
  res.end(JSON.stringify(body));
};

const bearer = (req: IncomingMessage): string | undefined => {
  const value = req.headers.authorization;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
};

/**
 * The local API: node:http in front of the very handler modules CDK deploys. Like API Gateway it
 * routes by the route table, checks JWTs on `jwt` routes (401 before the handler runs), answers
 * CORS preflights, and hands the handler a payload 2.0 event.
 */
export const createLocalApi = (options: LocalApiOptions): Server => {
  const allowed = new Set(options.corsOrigins ?? []);
  const cors = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    return origin && allowed.has(origin)
      ? { 'access-control-allow-origin': origin, vary: 'origin', 'access-control-expose-headers': 'etag, retry-after' }
      : {};
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (options.extra?.(req, res)) return;
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      const headers = cors(req);
      if (headers['access-control-allow-origin']) {
        headers['access-control-allow-methods'] = 'GET, POST, PUT, DELETE, OPTIONS';
        headers['access-control-allow-headers'] = 'authorization, content-type, idempotency-key, if-match, plan-key';
        headers['access-control-max-age'] = '600';
      }
      res.writeHead(204, { ...SECURITY_HEADERS, ...headers });
      res.end();
      return;
    }
    const match = matchRoute(options.routes, method, url.pathname);
    if (match === undefined)
      return send(res, 404, errorBody('NOT_FOUND', `no route ${method} ${url.pathname}`), cors(req));
    if (match === 'method-not-allowed') {
      // API Gateway answers an unmatched method like an unmatched path: 404.
      return send(
        res,
        404,
        errorBody('NOT_FOUND', `no route ${method} ${url.pathname} (the path exists for other methods)`),
        cors(req),
      );
    }
    const maxBytes = match.route.maxBodyBytes ?? MAX_BODY_BYTES;
    let body: string;
    try {
      body = await readBody(req, maxBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        return send(
          res,
          413,
          errorBody('VALIDATION_FAILED', `the body is larger than ${maxBytes / 1024} KB`, [
            { path: '(body)', message: `at most ${maxBytes} bytes` },
          ]),
          { ...cors(req), connection: 'close' },
        );
      }
      throw err;
    }
    let claims: Record<string, unknown> | undefined;
    if (match.route.auth === 'jwt') {
      const token = bearer(req);
      if (!token) return send(res, 401, errorBody('UNAUTHENTICATED', 'a bearer token is required'), cors(req));
      try {
        claims = await verifyToken(options.secret, token);
      } catch (err) {
        return send(
          res,
          401,
          errorBody('UNAUTHENTICATED', `the bearer token was rejected: ${(err as Error).message}`),
          cors(req),
        );
      }
    }
    // Throttled per verified subject, else per client IP, after the token check as API Gateway does.
    const subject = typeof claims?.sub === 'string' ? `sub:${claims.sub}` : `ip:${req.socket.remoteAddress ?? ''}`;
    const decision = options.rateLimit?.take(subject);
    if (decision && !decision.allowed) {
      return send(res, 429, errorBody('RATE_LIMITED', `too many requests; retry in ${decision.retryAfterSeconds} s`), {
        ...cors(req),
        'retry-after': String(decision.retryAfterSeconds),
      });
    }
    const handler = options.handlers.get(match.route.handler);
    if (!handler) throw new Error(`no handler loaded for ${match.route.handler}`);
    const routeKey = `${match.route.method} ${match.route.path}`;
    const event = toEvent(
      { method, url, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
      routeKey,
      match.params,
      claims,
    );
    const result = await handler(event, lambdaContext(match.route.group, event.requestContext.requestId));
    const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
    res.writeHead(result.statusCode ?? 200, { ...headers, ...cors(req) });
    res.end(result.body ?? '');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      process.stderr.write(`local server: ${(err as Error).stack ?? String(err)}\n`);
      if (!res.headersSent) send(res, 500, errorBody('INTERNAL', 'internal error'));
      else res.destroy();
    });
  });
  // Node answers a request it cannot parse (e.g. a URL and headers over 16 KB) itself, with an empty
  // body; answer with the SPEC §4 envelope and the security headers instead.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify(
      errorBody('VALIDATION_FAILED', tooLarge ? 'the URL and headers are larger than 16 KB' : 'malformed HTTP request'),
    );
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      ...SECURITY_HEADERS,
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n`;
    socket.end(
      `${head}${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n${body}`,
    );
  });
  return server;
};

const isRouteHandler = (value: unknown): value is RouteHandler =>
  typeof value === 'function' && 'serveWith' in value && typeof value.serveWith === 'function';

/** How a handler module (`engine/eligibility`) is imported. */
export type HandlerImport = (name: string) => Promise<{ handler?: unknown }>;

/** The TypeScript source beside the route table: the local server runs the sources (tsx, vitest). */
const importSource: HandlerImport = (name) =>
  import(/* @vite-ignore */ new URL(`../${name}.ts`, import.meta.url).href) as Promise<{ handler?: unknown }>;

/**
 * Imports every handler module the route table names, as the Lambda bundles would, and gives each
 * these deps. A bundle of the local server (scripts/bench-http.ts) imports them its own way.
 */
export const loadHandlers = async (
  routes: readonly RouteSpec[],
  deps: RequestDeps,
  importHandler: HandlerImport = importSource,
): Promise<Map<string, LambdaHandler>> => {
  const handlers = new Map<string, LambdaHandler>();
  for (const name of new Set(routes.map((r) => r.handler))) {
    const mod = await importHandler(name);
    if (!isRouteHandler(mod.handler)) throw new Error(`functions/${name} exports no route() handler`);
    handlers.set(name, mod.handler.serveWith(deps));
  }
  return handlers;
};
