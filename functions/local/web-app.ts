import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DevTokenRequest } from '../../shared/schemas/dev-token.js';
import { appCsp } from '../../shared/web/app-csp.js';
import {
  APP_CONFIG_PATH,
  AppConfig,
  DEV_SIGN_IN,
  signInOrigins,
  type SignInConfig,
} from '../../shared/web/app-config.js';
import { DOCS_CSP, DOCS_PAGE, REDOC_BUNDLE, REDOC_SCRIPT_PATH } from '../../shared/web/docs-page.js';
import { isLocalHost } from './local-host.js';
import { BodyTooLarge, readBody } from './read-body.js';
import { signToken } from './tokens.js';

/*
 * What the local server answers besides the API: the web app (web/) and its sign-in configuration
 * (/app/config.json), the API reference at /docs and, only when the registry was started for
 * development (`npm start`, the browser tests), POST /dev/token, which signs a demo token for a
 * chosen role. In AWS the WebApp stack serves the same app, configuration and reference from S3
 * behind CloudFront, and tokens come from Cognito.
 */
const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

export interface WebAppOptions {
  /** Serve POST /dev/token signed with this secret; absent: no such endpoint. */
  readonly devTokenSecret?: Uint8Array;
  /** How the app signs in (answered at /app/config.json); default the demo sign-in. */
  readonly signIn?: SignInConfig;
}

const sendText = (
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': type, ...BASE_HEADERS, ...headers });
  res.end(body);
};

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  sendText(res, status, 'application/json; charset=utf-8', JSON.stringify(body), { 'cache-control': 'no-store' });

/** A file under web/, or undefined when the path leaves it or names no known type. */
const webFile = (pathname: string): string | undefined => {
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/app\//, '');
  const file = path.resolve(WEB_ROOT, relative);
  if (!file.startsWith(`${WEB_ROOT}${path.sep}`) || !TYPES[path.extname(file)]) return undefined;
  return file;
};

const issueDevToken = async (req: IncomingMessage, res: ServerResponse, secret: Uint8Array) => {
  let text: string;
  try {
    text = await readBody(req, 4096);
  } catch (err) {
    if (err instanceof BodyTooLarge)
      return sendJson(res, 413, { error: { code: 'VALIDATION_FAILED', message: err.message } });
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text || '{}');
  } catch (err) {
    if (err instanceof SyntaxError)
      return sendJson(res, 400, { error: { code: 'VALIDATION_FAILED', message: 'the body is not JSON' } });
    throw err;
  }
  const parsed = DevTokenRequest.safeParse(json);
  if (!parsed.success) {
    return sendJson(res, 400, {
      error: { code: 'VALIDATION_FAILED', message: parsed.error.issues.map((i) => i.message).join('; ') },
    });
  }
  const { role, id } = parsed.data;
  const token = await signToken(secret, {
    role,
    ...(id ? { id } : {}),
    sub: `demo:${role}${id ? `:${id}` : ''}`,
    expiresIn: '8h',
  });
  return sendJson(res, 200, {
    token,
    role,
    ...(role === 'institution' && id ? { institutionId: id } : {}),
    ...(role === 'coordinator' && id ? { allianceIds: [id] } : {}),
  });
};

const serveFile = async (res: ServerResponse, file: string, csp: string) => {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return sendText(res, 404, 'text/plain; charset=utf-8', 'not found'); // fs errors carry a code
    throw err;
  }
  return sendText(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', body, {
    'content-security-policy': csp,
  });
};

/** The `extra` hook of createLocalApi: true when the request was one of these pages. */
export const webApp = (options: WebAppOptions = {}) => {
  // Parsed once: a test or start script that configures an impossible sign-in fails at start-up.
  const config = AppConfig.parse({ signIn: options.signIn ?? DEV_SIGN_IN });
  const csp = appCsp(signInOrigins(config.signIn));
  return (req: IncomingMessage, res: ServerResponse): boolean => handle(req, res, options, config, csp);
};

const handle = (
  req: IncomingMessage,
  res: ServerResponse,
  options: WebAppOptions,
  config: AppConfig,
  csp: string,
): boolean => {
  const method = (req.method ?? 'GET').toUpperCase();
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  let work: Promise<void> | undefined;
  if (method === 'POST' && pathname === '/dev/token' && options.devTokenSecret) {
    // Operator tokens for the asking: only for pages served from this machine (no DNS rebinding).
    if (!isLocalHost(req.headers.host)) {
      sendJson(res, 403, { error: { code: 'FORBIDDEN', message: 'demo tokens are issued to localhost only' } });
      return true;
    }
    work = issueDevToken(req, res, options.devTokenSecret);
  } else if (method === 'GET' && pathname === '/docs') {
    sendText(res, 200, 'text/html; charset=utf-8', DOCS_PAGE, { 'content-security-policy': DOCS_CSP });
    return true;
  } else if (method === 'GET' && pathname === REDOC_SCRIPT_PATH) {
    work = serveFile(res, REDOC_BUNDLE, DOCS_CSP);
  } else if (method === 'GET' && pathname === APP_CONFIG_PATH) {
    // no-cache as the app's files in AWS: a changed sign-in reaches the next page load.
    sendText(res, 200, 'application/json; charset=utf-8', JSON.stringify(config));
    return true;
  } else if (method === 'GET' && (pathname === '/' || pathname.startsWith('/app/'))) {
    const file = webFile(pathname);
    if (!file) return false;
    work = serveFile(res, file, csp);
  }
  if (!work) return false;
  work.catch((err: unknown) => {
    process.stderr.write(`web app: ${(err as Error).stack ?? String(err)}\n`);
    if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    else res.destroy();
  });
  return true;
};
