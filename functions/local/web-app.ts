import { readFile } from 'node:fs/promises';
import { APP_CSP } from '../../shared/web/app-csp.js';
import { BodyTooLarge, readBody } from './read-body.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { Slug } from '../../shared/schemas/common.js';
import { signToken } from './tokens.js';

/*
 * What the local server answers besides the API: the web app (web/), the API reference at /docs
 * (Redoc's standalone bundle from node_modules, so it works offline) and, only when the registry
 * was started for development (`npm start`, the browser tests), POST /dev/token, which signs a
 * demo token for a chosen role. None of this exists in AWS: there the app is static assets and
 * tokens come from Cognito.
 */
const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
const REDOC_BUNDLE = createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js');

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

/** Redoc injects its styles and runs its search in a blob worker. */
const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src blob:; base-uri 'none'; frame-ancestors 'none'";

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Alliance Micro-Credential Registry</title>
</head>
<body>
<redoc spec-url="/openapi.json" hide-download-button="false"></redoc>
<script src="/docs/redoc.standalone.js"></script>
</body>
</html>
`;

export const DevTokenRequest = z.strictObject({
  role: z.enum(['operator', 'coordinator', 'institution', 'student']),
  /** institutionId for role institution, allianceId for role coordinator. */
  id: Slug.optional(),
});

export interface WebAppOptions {
  /** Serve POST /dev/token signed with this secret; absent: no such endpoint. */
  readonly devTokenSecret?: Uint8Array;
}

const sendText = (res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
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
    if (err instanceof BodyTooLarge) return sendJson(res, 413, { error: { code: 'VALIDATION_FAILED', message: err.message } });
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text || '{}');
  } catch (err) {
    if (err instanceof SyntaxError) return sendJson(res, 400, { error: { code: 'VALIDATION_FAILED', message: 'the body is not JSON' } });
    throw err;
  }
  const parsed = DevTokenRequest.safeParse(json);
  if (!parsed.success) {
    return sendJson(res, 400, { error: { code: 'VALIDATION_FAILED', message: parsed.error.issues.map((i) => i.message).join('; ') } });
  }
  const { role, id } = parsed.data;
  const token = await signToken(secret, { role, ...(id ? { id } : {}), sub: `demo:${role}${id ? `:${id}` : ''}`, expiresIn: '8h' });
  return sendJson(res, 200, { token, role, ...(role === 'institution' && id ? { institutionId: id } : {}), ...(role === 'coordinator' && id ? { allianceIds: [id] } : {}) });
};

const serveFile = async (res: ServerResponse, file: string, csp: string) => {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return sendText(res, 404, 'text/plain; charset=utf-8', 'not found'); // fs errors carry a code
    throw err;
  }
  return sendText(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', body, { 'content-security-policy': csp });
};

/** The `extra` hook of createLocalApi: true when the request was one of these pages. */
export const webApp = (options: WebAppOptions = {}) => (req: IncomingMessage, res: ServerResponse): boolean => {
  const method = (req.method ?? 'GET').toUpperCase();
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  let work: Promise<void> | undefined;
  if (method === 'POST' && pathname === '/dev/token' && options.devTokenSecret) {
    work = issueDevToken(req, res, options.devTokenSecret);
  } else if (method === 'GET' && pathname === '/docs') {
    sendText(res, 200, 'text/html; charset=utf-8', DOCS_PAGE, { 'content-security-policy': DOCS_CSP });
    return true;
  } else if (method === 'GET' && pathname === '/docs/redoc.standalone.js') {
    work = serveFile(res, REDOC_BUNDLE, DOCS_CSP);
  } else if (method === 'GET' && (pathname === '/' || pathname.startsWith('/app/'))) {
    const file = webFile(pathname);
    if (!file) return false;
    work = serveFile(res, file, APP_CSP);
  }
  if (!work) return false;
  work.catch((err: unknown) => {
    process.stderr.write(`web app: ${(err as Error).stack ?? String(err)}\n`);
    if (!res.headersSent) sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
    else res.destroy();
  });
  return true;
};
