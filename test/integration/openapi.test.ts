import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOpenApi, openApiText } from '../../functions/openapi/generate.js';
import { ROUTES } from '../../functions/routes.js';
import { startApi, type TestApi } from '../support/api.js';

const CHECKED_IN = new URL('../../docs/openapi.json', import.meta.url);

type Doc = Awaited<ReturnType<typeof generateOpenApi>>;
type Operation = {
  requestBody?: { content: Record<string, { schema: unknown }> };
  parameters?: { schema: unknown }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

describe('OpenAPI document', () => {
  let document: Doc;
  beforeAll(async () => {
    document = await generateOpenApi();
  });

  it('is what `npm run openapi` writes: docs/openapi.json is current', () => {
    expect(readFileSync(CHECKED_IN, 'utf8'), 'docs/openapi.json is stale: run `npm run openapi`').toBe(
      openApiText(document),
    );
  });

  it('validates as OpenAPI 3.1', async () => {
    const result = await new Validator().validate(
      JSON.parse(readFileSync(CHECKED_IN, 'utf8')) as Record<string, unknown>,
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has one operation per route of the route table, and no other', () => {
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('describes bodies and parameters with schemas that compile as JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    for (const [name, schema] of Object.entries(document.components.schemas))
      ajv.addSchema(schema as object, `#/components/schemas/${name}`);
    const schemas = Object.values(document.paths)
      .flatMap((item) => Object.values(item as Record<string, Operation>))
      .flatMap((op) => [
        ...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema),
        ...(op.parameters ?? []).map((p) => p.schema),
      ]);
    expect(schemas.length).toBeGreaterThan(20);
    for (const schema of schemas) expect(() => ajv.compile({ ...(schema as object), $id: undefined })).not.toThrow();
  });

  it('takes the credential body from the schema POST /credentials validates with', () => {
    const op = document.paths['/credentials']?.post as Operation;
    const schema = op.requestBody?.content['application/json']?.schema as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['institutionId', 'title', 'learningOutcomes', 'ects', 'eqfLevel', 'qualityAssurance']),
    );
    expect(schema.properties.assessment).toMatchObject({
      enum: ['exam', 'oral', 'project', 'portfolio', 'practical', 'online-test', 'other'],
    });
  });

  it('marks token-guarded routes with bearer security and names the roles allowed', () => {
    const approve = document.paths['/programmes/{id}/approvals']?.post as Record<string, unknown>;
    expect(approve.security).toEqual([{ bearer: [] }]);
    expect(approve['x-roles']).toEqual(['institution']);
    expect((document.paths['/credentials']?.get as Record<string, unknown>).security).toBeUndefined();
  });
});

describe('served by the local registry', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi({ seed: false });
  });
  afterAll(() => api.stop());

  it('answers GET /openapi.json with the document and this server as its server', async () => {
    const answer = await api.call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(answer.body.servers).toEqual([{ url: api.registry.url, description: 'this registry' }]);
  });

  it('serves the API reference at /docs from the Redoc bundle in node_modules', async () => {
    const page = await fetch(`${api.registry.url}/docs`);
    expect(await page.text()).toContain('<redoc spec-url="/openapi.json"');
    const bundle = await fetch(`${api.registry.url}/docs/redoc.standalone.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });

  it('serves the web app at / and signs no demo token unless started for development', async () => {
    const index = await fetch(`${api.registry.url}/`);
    expect(await index.text()).toContain('<script type="module" src="/app/js/main.js">');
    expect((await fetch(`${api.registry.url}/app/../package.json`)).status).toBe(404);
    const token = await fetch(`${api.registry.url}/dev/token`, { method: 'POST', body: '{"role":"operator"}' });
    expect(token.status).toBe(404);
  });

  it('tells the web app to sign in the development way unless configured otherwise, and lets it call only its origin', async () => {
    const config = await fetch(`${api.registry.url}/app/config.json`);
    expect(await config.json()).toEqual({ signIn: { kind: 'dev' } });
    const index = await fetch(`${api.registry.url}/`);
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });
});
