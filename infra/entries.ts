import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTION_GROUPS, ROUTES, type FunctionGroup, type RouteSpec } from '../functions/routes.js';

/*
 * One Lambda function per FUNCTION_GROUP, and a group's bundle holds only its handlers: for each
 * group a small entry module is generated from the route table that imports those handlers
 * statically (so esbuild bundles exactly them) and dispatches on the API Gateway route key.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES_DIR = path.join(PROJECT_ROOT, '.build', 'entries');

/** The API Gateway route key of a route, e.g. `POST /credentials`. */
export const routeKey = (route: RouteSpec): string => `${route.method} ${route.path}`;

const routesOf = (group: FunctionGroup, routes: readonly RouteSpec[] = ROUTES): RouteSpec[] =>
  routes.filter((r) => r.group === group);

/** Groups that serve at least one route: a group with none yet gets no function. */
const groupsInUse = (routes: readonly RouteSpec[] = ROUTES): FunctionGroup[] =>
  (Object.keys(FUNCTION_GROUPS) as FunctionGroup[]).filter((g) => routesOf(g, routes).length > 0); // keys of a const object

const importPath = (fromDir: string, handler: string): string => {
  const target = path
    .relative(fromDir, path.join(PROJECT_ROOT, 'functions', `${handler}.js`))
    .split(path.sep)
    .join('/');
  return target.startsWith('.') ? target : `./${target}`;
};

/** The entry module of one group, as TypeScript source written into `dir`. */
const entrySource = (group: FunctionGroup, routes: readonly RouteSpec[], dir: string): string => {
  const mine = routesOf(group, routes);
  const http = (module: string) => JSON.stringify(importPath(dir, `http/${module}`));
  const lines = [
    `// Generated from functions/routes.ts by infra/entries.ts for the ${group} function. Do not edit.`,
    "import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';",
    `import { errorBody } from ${http('errors')};`,
    `import { SECURITY_HEADERS } from ${http('security-headers')};`,
    ...mine.map((r, i) => `import { handler as h${i} } from ${JSON.stringify(importPath(dir, r.handler))};`),
    '',
    'type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;',
    'const routes = new Map<string, Handler>([',
    ...mine.map((r, i) => `  [${JSON.stringify(routeKey(r))}, h${i}],`),
    ']);',
    '',
    'export const handler: Handler = async (event, context) => {',
    '  const route = routes.get(event.routeKey);',
    '  if (route) return route(event, context);',
    '  return {',
    '    statusCode: 404,',
    "    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS },",
    "    body: JSON.stringify(errorBody('NOT_FOUND', `no route ${event.routeKey} in this function`)),",
    '  };',
    '};',
    '',
  ];
  return lines.join('\n');
};

/*
 * Written only when changed, through a rename, so concurrent synths (parallel test files) never
 * read a half-written entry and an unchanged entry keeps its timestamp.
 */
const writeIfChanged = (file: string, content: string): void => {
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // fs errors carry a code
  }
  if (current === content) return;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
};

/** Writes every group's entry module; returns the entry file of each group in use. */
export const writeGroupEntries = (
  routes: readonly RouteSpec[] = ROUTES,
  dir: string = ENTRIES_DIR,
): Map<FunctionGroup, string> => {
  mkdirSync(dir, { recursive: true });
  const entries = new Map<FunctionGroup, string>();
  for (const group of groupsInUse(routes)) {
    const file = path.join(dir, `${group}.ts`);
    writeIfChanged(file, entrySource(group, routes, dir));
    entries.set(group, file);
  }
  return entries;
};

/** Functions that serve no route: the Cognito pre-token-generation trigger and the import worker (SQS). */
export const TRIGGER_ENTRIES = {
  'pre-token-generation': path.join(PROJECT_ROOT, 'functions', 'auth', 'pre-token-generation.ts'),
  'import-worker': path.join(PROJECT_ROOT, 'functions', 'imports', 'worker.ts'),
} as const;
