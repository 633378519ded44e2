import * as z from 'zod/mini';
import type { RouteSpecOptions } from '../http/route.js';
import { MAX_BODY_BYTES } from '../http/limits.js';
import type { RouteSpec } from '../routes.js';
import { NAMED_SCHEMAS, OPERATIONS, type OperationDoc } from './operations.js';

/*
 * OpenAPI 3.1 from the route table and the zod schemas each handler validates with (its
 * `spec`): one source, so the document cannot describe a body the handler would refuse. JSON
 * Schema 2020-12 is OpenAPI 3.1's own dialect, so zod's output goes in as it is.
 */

type Json = Record<string, unknown>;

export interface RouteModule {
  readonly spec: RouteSpecOptions;
}

export const isRouteModule = (value: unknown): value is RouteModule =>
  typeof value === 'function' && 'spec' in value && typeof value.spec === 'object' && value.spec !== null;

/** Input side: what a client sends (defaults optional, coercions from strings). */
const inputSchema = (schema: z.ZodMiniType): Json => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const ErrorEnvelope = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'VALIDATION_FAILED',
            'UNAUTHENTICATED',
            'FORBIDDEN',
            'NOT_FOUND',
            'CONFLICT',
            'PRECONDITION_FAILED',
            'RATE_LIMITED',
            'UNAVAILABLE',
            'INTERNAL',
          ],
        },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

/** Path parameters: every `{name}` of the API Gateway path. */
const pathParameters = (path: string): Json[] =>
  [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));

/** A query schema becomes one parameter per property; API Gateway hands them over as strings. */
const queryParameters = (schema: z.ZodMiniType | undefined): Json[] => {
  if (!schema) return [];
  const json = inputSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
};

const requestBody = (spec: RouteSpecOptions, doc: OperationDoc) => {
  if (spec.text) {
    return {
      required: true,
      content: {
        [spec.text.mediaType]: {
          schema: { type: 'string', description: `at most ${spec.text.maxBytes ?? MAX_BODY_BYTES} bytes` },
        },
      },
    };
  }
  if (!spec.body) return undefined;
  const schema = inputSchema(spec.body);
  if (doc.bodyField) {
    // The handler takes this field as `unknown` and the use-case parses it (so a rule's problems
    // come back as rule paths); the document names the schema that does.
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    properties[doc.bodyField.name] = ref(doc.bodyField.schema);
    schema.properties = properties;
  }
  return {
    // A schema that accepts no body at all (every field optional) makes the body optional.
    required: !spec.body.safeParse(undefined).success,
    content: { 'application/json': { schema } },
  };
};

const successResponse = (doc: OperationDoc) => {
  if (doc.status === 204) return { description: doc.summary };
  const schema = doc.answer
    ? doc.answer.page
      ? {
          type: 'object',
          required: ['items'],
          properties: {
            items: { type: 'array', items: ref(doc.answer.schema) },
            cursor: { type: 'string', description: 'absent on the last page' },
          },
        }
      : ref(doc.answer.schema)
    : { type: 'object' };
  return { description: doc.summary, content: { [doc.produces ?? 'application/json']: { schema } } };
};

const operation = (route: RouteSpec, spec: RouteSpecOptions) => {
  const key = `${route.method} ${route.path}`;
  const doc = OPERATIONS[key];
  if (!doc) throw new Error(`functions/openapi/operations.ts has no entry for ${key}`);
  const headers = (doc.headers ?? []).map((h) => ({
    name: h.name,
    in: 'header',
    required: true,
    description: h.description,
    schema: { type: 'string' },
  }));
  const parameters = [...pathParameters(route.path), ...queryParameters(spec.query), ...headers];
  const body = requestBody(spec, doc);
  const responses: Record<string, unknown> = {
    [String(doc.status)]: successResponse(doc),
    '400': errorResponse('VALIDATION_FAILED: a field is missing or malformed (details name it)'),
  };
  if (route.auth === 'jwt') {
    responses['401'] = errorResponse('UNAUTHENTICATED: no valid bearer token');
    responses['403'] = errorResponse('FORBIDDEN: the token’s role or institution may not do this');
  }
  if (route.path.includes('{')) responses['404'] = errorResponse('NOT_FOUND');
  if (route.method !== 'GET') responses['409'] = errorResponse('CONFLICT: a concurrent change or a stale version');
  responses['503'] = errorResponse('UNAVAILABLE: the store is busy; retry after Retry-After');
  const roles = spec.allow ? `Roles: ${spec.allow.join(', ')}.` : 'Anyone, with or without a token.';
  return {
    operationId: route.handler.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()),
    summary: doc.summary,
    description: [
      doc.description,
      roles,
      route.method !== 'GET'
        ? 'Accepts an `Idempotency-Key` header: a retry returns the first answer and writes nothing new.'
        : undefined,
    ]
      .filter(Boolean)
      .join('\n\n'),
    tags: [doc.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
    ...(route.auth === 'jwt' ? { security: [{ bearer: [] }] } : {}),
    ...(spec.allow ? { 'x-roles': spec.allow } : {}),
    'x-function-group': route.group,
  };
};

export interface DocumentInfo {
  readonly version: string;
}

/** The whole document; paths in route-table order, one operation per route. */
export const buildOpenApi = (
  routes: readonly RouteSpec[],
  modules: ReadonlyMap<string, RouteModule>,
  info: DocumentInfo,
) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const module = modules.get(route.handler);
    if (!module) throw new Error(`no handler module for ${route.handler}`);
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, module.spec);
  }
  const schemas: Record<string, unknown> = { Error: ErrorEnvelope };
  for (const [name, schema] of Object.entries(NAMED_SCHEMAS)) schemas[name] = inputSchema(schema);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Alliance Micro-Credential Registry',
      version: info.version,
      description:
        'The shared system of record of a European university alliance: institutions, micro-credentials described with the EU standard elements, ' +
        'negotiated joint-programme rules, and the stackability, eligibility and pathway queries over them. ' +
        'Generated from the route table and the zod schemas the handlers validate with (`npm run openapi`).',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => OPERATIONS[`${r.method} ${r.path}`]?.tag))].flatMap((name) =>
      name ? [{ name }] : [],
    ),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'Claims: sub, role (operator | coordinator | institution | student), institutionId, allianceIds.',
        },
      },
    },
  };
};
