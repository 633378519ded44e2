import type { RouteSpec } from '../routes.js';

export interface Match {
  readonly route: RouteSpec;
  readonly params: Record<string, string>;
}

const segments = (path: string) => path.split('/').filter(Boolean);

/** Matches a path against the route table as API Gateway does: static segments win over parameters. */
export const matchRoute = (
  routes: readonly RouteSpec[],
  method: string,
  path: string,
): Match | 'method-not-allowed' | undefined => {
  const parts = segments(path);
  let pathMatched = false;
  let best: { match: Match; statics: number } | undefined;
  for (const route of routes) {
    const pattern = segments(route.path);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let statics = 0;
    const fits = pattern.every((seg, i) => {
      const part = parts[i] ?? '';
      if (seg.startsWith('{') && seg.endsWith('}')) {
        let decoded: string;
        try {
          decoded = decodeURIComponent(part);
        } catch (err) {
          if (err instanceof URIError) return false; // not percent-decodable: names no resource
          throw err;
        }
        params[seg.slice(1, -1)] = decoded;
        return true;
      }
      statics += 1;
      return seg === part;
    });
    if (!fits) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    if (!best || statics > best.statics) best = { match: { route, params }, statics };
  }
  return best?.match ?? (pathMatched ? 'method-not-allowed' : undefined);
};
