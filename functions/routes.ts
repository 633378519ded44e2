/*
 * The route table: the single source for the local router and the CDK stack (HTTP API routes,
 * authorizer, function groups and their grants), so the two cannot drift. Pure data: importing it
 * loads no handler.
 */
import { MAX_UPLOAD_BYTES } from './http/limits.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Routes are grouped into Lambda functions by what they touch; a group's grants follow `access`. */
export const FUNCTION_GROUPS = {
  'registry-read': { access: 'read', description: 'institutions, alliances and catalogue reads' },
  'registry-write': { access: 'write', description: 'institution, alliance and credential writes' },
  'programmes-read': { access: 'read', description: 'programme reads' },
  'programmes-write': { access: 'write', description: 'proposals, amendments, approvals, withdrawals' },
  engine: { access: 'read', description: 'stackability, eligibility and pathways' },
  interop: { access: 'read', description: 'exports, recognition checks and interoperability reports' },
  imports: { access: 'write', description: 'CSV import jobs: upload and progress' },
  plans: { access: 'write', description: 'saved plans: save, read and delete, without an account' },
} as const satisfies Record<string, { access: 'read' | 'write'; description: string }>;
export type FunctionGroup = keyof typeof FUNCTION_GROUPS;

export interface RouteSpec {
  readonly method: Method;
  /** API Gateway path syntax: `{name}` is a path parameter. */
  readonly path: string;
  /** Module under functions/ (without extension) whose `handler` serves the route. */
  readonly handler: string;
  /** `jwt`: the JWT authorizer guards it; `public`: no token needed. */
  readonly auth: 'jwt' | 'public';
  readonly group: FunctionGroup;
  /** A larger body than MAX_BODY_BYTES this route takes (its handler enforces the same limit). */
  readonly maxBodyBytes?: number;
}

const r = (
  method: Method,
  path: string,
  handler: string,
  auth: RouteSpec['auth'],
  group: FunctionGroup,
  extra: Pick<RouteSpec, 'maxBodyBytes'> = {},
): RouteSpec => ({
  method,
  path,
  handler,
  auth,
  group,
  ...extra,
});

export const ROUTES: readonly RouteSpec[] = [
  r('GET', '/health', 'health/get', 'public', 'registry-read'),

  r('POST', '/institutions', 'institutions/create', 'jwt', 'registry-write'),
  r('GET', '/institutions', 'institutions/list', 'public', 'registry-read'),
  r('GET', '/institutions/{id}', 'institutions/get', 'public', 'registry-read'),

  r('POST', '/alliances', 'alliances/create', 'jwt', 'registry-write'),
  r('GET', '/alliances/{id}', 'alliances/get', 'public', 'registry-read'),
  r('PUT', '/alliances/{id}/members/{institutionId}', 'alliances/add-member', 'jwt', 'registry-write'),
  r('POST', '/alliances/{id}/members/{institutionId}/accept', 'alliances/accept', 'jwt', 'registry-write'),

  r('POST', '/credentials', 'credentials/create', 'jwt', 'registry-write'),
  r('POST', '/credentials/validate', 'credentials/validate', 'public', 'registry-read'),
  r('GET', '/credentials', 'credentials/list', 'public', 'registry-read'),
  r('GET', '/credentials/{id}', 'credentials/get', 'public', 'registry-read'),
  r('GET', '/credentials/{id}/versions/{n}', 'credentials/get-version', 'public', 'registry-read'),
  r('PUT', '/credentials/{id}', 'credentials/update', 'jwt', 'registry-write'),
  r('POST', '/credentials/{id}/retire', 'credentials/retire', 'jwt', 'registry-write'),
  r('GET', '/credentials/{id}/programmes', 'credentials/programmes', 'public', 'engine'),
  r('POST', '/credentials/{id}/confirm', 'credentials/confirm', 'jwt', 'registry-write'),

  r('POST', '/alliances/{id}/programmes', 'programmes/propose', 'jwt', 'programmes-write'),
  r('GET', '/alliances/{id}/programmes', 'programmes/list', 'public', 'programmes-read'),
  r('GET', '/programmes/{id}', 'programmes/get', 'public', 'programmes-read'),
  r('GET', '/programmes/{id}/versions/{n}', 'programmes/get-version', 'public', 'programmes-read'),
  r('POST', '/programmes/{id}/versions', 'programmes/amend', 'jwt', 'programmes-write'),
  r('POST', '/programmes/{id}/approvals', 'programmes/approve', 'jwt', 'programmes-write'),
  r('POST', '/programmes/{id}/withdraw', 'programmes/withdraw', 'jwt', 'programmes-write'),
  r('POST', '/programmes/{id}/preview', 'programmes/preview', 'jwt', 'programmes-write'),
  r('POST', '/programmes/{id}/comments', 'programmes/comment', 'jwt', 'programmes-write'),
  r('GET', '/programmes/{id}/history', 'programmes/history', 'public', 'programmes-read'),

  r('POST', '/programmes/{id}/stackability', 'engine/stackability', 'public', 'engine'),
  r('POST', '/programmes/{id}/eligibility', 'engine/eligibility', 'public', 'engine'),
  r('POST', '/programmes/{id}/pathways', 'engine/pathways', 'public', 'engine'),
  r('POST', '/eligibility', 'engine/closest-programmes', 'public', 'engine'),

  r('GET', '/credentials/{id}/export', 'credentials/export', 'public', 'interop'),
  r('GET', '/programmes/{id}/export', 'programmes/export', 'public', 'interop'),
  r('POST', '/interoperability', 'interop/check', 'public', 'interop'),
  r('GET', '/alliances/{id}/interoperability', 'interop/alliance-report', 'public', 'interop'),

  // Saved plans (SPEC §4): public, an unguessable id to read, the plan's own key (Plan-Key) to delete.
  r('POST', '/plans', 'plans/create', 'public', 'plans'),
  r('GET', '/plans/{id}', 'plans/get', 'public', 'plans'),
  r('DELETE', '/plans/{id}', 'plans/delete', 'public', 'plans'),

  r('GET', '/openapi.json', 'openapi/get', 'public', 'registry-read'),
  r('POST', '/institutions/{id}/credentials/import', 'imports/credentials', 'jwt', 'registry-write'),
  r('POST', '/institutions/{id}/imports', 'imports/start', 'jwt', 'imports', { maxBodyBytes: MAX_UPLOAD_BYTES }),
  r('GET', '/imports/{id}', 'imports/get', 'jwt', 'imports'),
  r('GET', '/imports/{id}/rows', 'imports/rows', 'jwt', 'imports'),
];
