import { readFileSync } from 'node:fs';
import { ROUTES, type RouteSpec } from '../routes.js';
import { buildOpenApi, isRouteModule, type RouteModule } from './document.js';

/*
 * Loads every handler module the route table names (as the local server does) and builds the
 * document from their specs. Only `npm run openapi` and the tests call this: no Lambda bundle
 * imports it, since it pulls in every handler.
 */
export const loadRouteModules = async (routes: readonly RouteSpec[]): Promise<Map<string, RouteModule>> => {
  const modules = new Map<string, RouteModule>();
  for (const name of new Set(routes.map((r) => r.handler))) {
    const url = new URL(`../${name}.ts`, import.meta.url).href;
    const { handler } = (await import(/* @vite-ignore */ url)) as { handler?: unknown };
    if (!isRouteModule(handler)) throw new Error(`functions/${name} exports no handler built by route()`);
    modules.set(name, handler);
  }
  return modules;
};

const packageVersion = (): string => {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';
};

export const generateOpenApi = async (routes: readonly RouteSpec[] = ROUTES) =>
  buildOpenApi(routes, await loadRouteModules(routes), { version: packageVersion() });

/** The text `npm run openapi` writes: stable key order, two-space indent, final newline. */
export const openApiText = (document: object): string => `${JSON.stringify(document, null, 2)}\n`;
