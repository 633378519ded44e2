import { describe, expect, it } from 'vitest';
import type { RouteSpecOptions } from '../../functions/http/route.js';
import { FUNCTION_GROUPS, ROUTES } from '../../functions/routes.js';

const specOf = async (handler: string): Promise<RouteSpecOptions> => {
  const mod = (await import(/* @vite-ignore */ new URL(`../../functions/${handler}.ts`, import.meta.url).href)) as {
    handler: { spec: RouteSpecOptions };
  };
  return mod.handler.spec;
};

describe('the route table', () => {
  it('names every route once', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Idempotency records and write grants follow this: a token-guarded route is a write, a public one a read.
  it('guards with the JWT authorizer exactly the routes whose handler requires a role', async () => {
    for (const r of ROUTES) {
      const spec = await specOf(r.handler);
      expect(spec.allow !== undefined, `${r.method} ${r.path}`).toBe(r.auth === 'jwt');
    }
  });

  // The local server reads no more than the route table allows, the handler refuses more than its spec allows.
  it('gives a route a larger body limit exactly when its handler takes a larger text body', async () => {
    for (const r of ROUTES) {
      const spec = await specOf(r.handler);
      expect(spec.text?.maxBytes, `${r.method} ${r.path}`).toBe(r.maxBodyBytes);
    }
  });

  // A parameter the handler does not declare would reach it unparsed; one it declares but the path lacks, never.
  it("declares in each handler exactly the path parameters of its route's path", async () => {
    for (const r of ROUTES) {
      const inPath = [...r.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => name).sort();
      expect(Object.keys((await specOf(r.handler)).params ?? {}).sort(), `${r.method} ${r.path}`).toEqual(inPath);
    }
  });

  it('puts token-guarded routes only into groups that may write', () => {
    for (const r of ROUTES.filter((route) => route.auth === 'jwt')) {
      expect(FUNCTION_GROUPS[r.group].access, `${r.method} ${r.path}`).toBe('write');
    }
  });
});
