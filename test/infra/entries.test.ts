import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '../../functions/routes.js';
import { PROJECT_ROOT, routeKey, writeGroupEntries } from '../../infra/entries.js';

type Entry = {
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
};

const event = (key: string): APIGatewayProxyEventV2 => {
  const [method = 'GET', rawPath = '/'] = key.split(' ');
  return {
    version: '2.0',
    routeKey: key,
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'api',
      domainName: 'x',
      domainPrefix: 'x',
      requestId: 'req-1',
      routeKey: key,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    },
  };
};
const context = { awsRequestId: 'req-1' } as Context; // the dispatcher and route() read only the request id

let dir: string;
let entries: Map<string, string>;
beforeAll(() => {
  // Inside the project, so the entries' relative imports of functions/ resolve as in .build/entries.
  dir = mkdtempSync(path.join(PROJECT_ROOT, '.build', 'test-entries-'));
  entries = writeGroupEntries(ROUTES, dir);
  process.env.TABLE_NAME ??= 'entries-test';
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/import \{ handler as h\d+ \} from "([^"]+)"/g)].map((m) => m[1]);

describe('group entries', () => {
  it('import exactly the handlers of their group', () => {
    for (const [group, file] of entries) {
      const expected = ROUTES.filter((r: RouteSpec) => r.group === group).map((r) => `functions/${r.handler}.js`);
      expect(
        importsOf(file).map((p) => path.relative(PROJECT_ROOT, path.resolve(path.dirname(file), p ?? ''))),
      ).toEqual(expected);
    }
  });

  it('dispatch a route key to its handler', async () => {
    const health = ROUTES.find((r) => r.path === '/health');
    const entry = (await import(pathToFileURL(entries.get(health?.group ?? '') ?? '').href)) as Entry;
    const response = await entry.handler(event(routeKey(health as RouteSpec)), context); // /health is in the SPEC
    expect({ status: response.statusCode, body: JSON.parse(response.body ?? '') }).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('answer an unknown route key with the 404 error envelope', async () => {
    const [file] = entries.values();
    const entry = (await import(pathToFileURL(file ?? '').href)) as Entry;
    const response = await entry.handler(event('DELETE /nowhere'), context);
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
