import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../functions/local/tokens.js';
import { SECURITY_HEADERS } from '../../functions/http/security-headers.js';
import { ROUTES, type RouteSpec } from '../../functions/routes.js';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

const SAMPLE_CSV = readFileSync(new URL('../../docs/sample-credentials.csv', import.meta.url), 'utf8');

/*
 * The authorisation matrix of docs/authorization.md, generated from the route table: every route × every kind
 * of caller → the status the policy (route `allow` lists, shared/app/access.ts, alliances.ts,
 * programmes/negotiate.ts) must produce, asserted over HTTP against the seeded demo. The same
 * table is written to docs/authorization.md, so the document cannot drift from the code.
 * A cell expected to succeed acts on an object of its own, so no cell depends on another.
 */
const PRINCIPALS = {
  none: 'no token',
  expired: 'expired token',
  forged: 'forged signature',
  student: 'student',
  own: 'own institution (luh)',
  partner: 'partner institution (lut)',
  foreign: 'foreign institution (outsider)',
  coordinator: 'coordinator of this alliance',
  otherCoordinator: 'coordinator of another alliance',
  operator: 'operator',
} as const;
type Principal = keyof typeof PRINCIPALS;
const ALL = Object.keys(PRINCIPALS) as Principal[];

type Expectation = Record<Principal, number>;
const everyone = (status: number): Expectation => Object.fromEntries(ALL.map((p) => [p, status])) as Expectation;
/** A `jwt` route: the listed principals get their status, other valid tokens 403, bad or missing tokens 401. */
const jwt = (allowed: Partial<Expectation>): Expectation => ({
  ...everyone(403),
  none: 401,
  expired: 401,
  forged: 401,
  ...allowed,
});

interface Request {
  readonly method?: string;
  readonly path: string;
  readonly body?: unknown;
  /** A body that is not JSON, sent as is (with its content-type in `headers`). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  /** The alliance the object belongs to: "coordinator of this alliance" coordinates it. */
  readonly alliance?: string;
}

interface RouteCase {
  readonly expect: Expectation;
  /** What the cell acts on, for the document. */
  readonly object: string;
  /** `fresh`: the call is expected to succeed, so it gets an object of its own. */
  readonly request: (fresh: boolean) => Promise<Request>;
}

let api: TestApi;
let operator: string;
let luh: string;
let coordinatorDemo: string;
let outsider: string;
let otherAlliance: string;
let jointMasterRule: Record<string, unknown>;

const draft = (institutionId = 'luh') =>
  credentialDraft({
    institutionId,
    title: `Matrix credential ${randomUUID().slice(0, 6)}`,
    learningOutcomes: ['Explain access control'],
  });
const rule = () => ({ ...jointMasterRule, title: `Matrix programme ${randomUUID().slice(0, 8)}` });

const created = async (
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<Record<string, string>> => {
  const res = await api.call(method, path, { token, ...(body !== undefined ? { body } : {}) });
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
};
const freshCredential = async () => (await created('POST', '/credentials', luh, draft())).id ?? '';
const freshCoAwarded = async () =>
  (await created('POST', '/credentials', luh, { ...draft(), awardingBodies: ['luh', 'lut'], qaResponsible: 'luh' }))
    .id ?? '';
const freshProgramme = async () => created('POST', '/alliances/demo/programmes', coordinatorDemo, { rule: rule() });
const freshAlliance = async () => {
  const id = `m-${randomUUID().slice(0, 8)}`;
  await created('POST', '/alliances', operator, { id, name: `Alliance ${id}`, members: ['luh'] });
  return id;
};

/** Shared by the cells expected to fail, made on first use. */
const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};
const sharedCredential = once(freshCredential);
const sharedProgramme = once(freshProgramme);
const sharedCoAwarded = once(freshCoAwarded);
const sharedAlliance = once(freshAlliance);
const freshPlan = async () => {
  const res = await api.call('POST', '/plans', { body: { programmeId: 'demo-joint-master', achievements: [] } });
  expect(res.status).toBe(201);
  return res.body as { id: string; deleteKey: string };
};
const sharedPlan = once(freshPlan);
const oneRowCsv = () => {
  const [header, row = ''] = SAMPLE_CSV.split('\n');
  return `${header}\n${row.replace(/^deep-learning,/, `m${randomUUID().slice(0, 8)},`)}\n`;
};
const sharedImport = once(async () => {
  const res = await api.call('POST', '/institutions/luh/imports', {
    token: luh,
    raw: oneRowCsv(),
    headers: { 'content-type': 'text/csv' },
  });
  expect(res.status).toBe(202);
  return res.body.id as string;
});

const get = (path: string): RouteCase => ({ expect: everyone(200), object: path, request: async () => ({ path }) });
const post = (path: string, body: unknown): RouteCase => ({
  expect: everyone(200),
  object: path,
  request: async () => ({ path, body }),
});

const CASES: Record<string, RouteCase> = {
  'GET /health': get('/health'),
  'POST /institutions': {
    expect: jwt({ operator: 201 }),
    object: 'a new institution',
    request: async () => ({
      path: '/institutions',
      body: { id: `i-${randomUUID().slice(0, 8)}`, name: 'Matrix University', country: 'DE', kind: 'hei' },
    }),
  },
  'GET /institutions': get('/institutions'),
  'GET /institutions/{id}': get('/institutions/luh'),
  'POST /alliances': {
    expect: jwt({ coordinator: 201, operator: 201 }),
    object: 'a new alliance (its coordinator: a token naming its id)',
    request: async () => {
      const id = `n-${randomUUID().slice(0, 8)}`;
      return { path: '/alliances', body: { id, name: `Alliance ${id}`, members: ['luh'] }, alliance: id };
    },
  },
  'GET /alliances/{id}': get('/alliances/demo'),
  'PUT /alliances/{id}/members/{institutionId}': {
    expect: jwt({ coordinator: 201, operator: 201 }),
    object: 'a new alliance of luh; adds lut (a coordinator invites it)',
    request: async (fresh) => {
      const id = fresh ? await freshAlliance() : await sharedAlliance();
      return { method: 'PUT', path: `/alliances/${id}/members/lut`, alliance: id };
    },
  },
  // SPEC §3: only the invited institution itself accepts; the coordinator who invited cannot.
  'POST /alliances/{id}/members/{institutionId}/accept': {
    expect: jwt({ own: 200 }),
    object: 'a new alliance whose coordinator invited luh',
    request: async () => {
      const id = `v-${randomUUID().slice(0, 8)}`;
      const coordinator = await api.token({ role: 'coordinator', id });
      await created('POST', '/alliances', coordinator, { id, name: `Alliance ${id}`, members: ['luh'] });
      return { path: `/alliances/${id}/members/luh/accept`, alliance: id };
    },
  },
  'POST /credentials': {
    expect: jwt({ own: 201, coordinator: 201 }),
    object: 'a new credential of luh',
    request: async () => ({ path: '/credentials', body: draft() }),
  },
  'POST /credentials/validate': post('/credentials/validate', draft()),
  'GET /credentials': get('/credentials?institution=luh&limit=5'),
  'GET /credentials/{id}': get('/credentials/luh-machine-learning'),
  'GET /credentials/{id}/versions/{n}': get('/credentials/luh-machine-learning/versions/1'),
  'PUT /credentials/{id}': {
    expect: jwt({ own: 200, coordinator: 200 }),
    object: 'a new credential of luh, If-Match 1',
    request: async (fresh) => {
      const id = fresh ? await freshCredential() : await sharedCredential();
      return { method: 'PUT', path: `/credentials/${id}`, body: draft(), headers: { 'if-match': '1' } };
    },
  },
  'POST /credentials/{id}/retire': {
    expect: jwt({ own: 200, coordinator: 200 }),
    object: 'a new credential of luh',
    request: async (fresh) => ({
      path: `/credentials/${fresh ? await freshCredential() : await sharedCredential()}/retire`,
    }),
  },
  // SPEC §3: only an institution the credential names (here lut, as co-awarding body) confirms its part.
  'POST /credentials/{id}/confirm': {
    expect: jwt({ partner: 200 }),
    object: 'a new credential of luh naming lut as co-awarding body; version 1',
    request: async (fresh) => {
      const id = fresh ? await freshCoAwarded() : await sharedCoAwarded();
      return { path: `/credentials/${id}/confirm`, body: { version: 1 } };
    },
  },
  'POST /alliances/{id}/programmes': {
    expect: jwt({ own: 201, partner: 201, coordinator: 201 }),
    object: 'alliance demo',
    request: async () => ({ path: '/alliances/demo/programmes', body: { rule: rule() } }),
  },
  'GET /alliances/{id}/programmes': get('/alliances/demo/programmes'),
  'GET /programmes/{id}': get('/programmes/demo-joint-master'),
  'GET /programmes/{id}/versions/{n}': get('/programmes/demo-joint-master/versions/1'),
  'POST /programmes/{id}/versions': {
    expect: jwt({ own: 201, partner: 201, coordinator: 201 }),
    object: 'a new programme of demo, under negotiation',
    request: async (fresh) => {
      const p = fresh ? await freshProgramme() : await sharedProgramme();
      return { path: `/programmes/${p.id}/versions`, body: { baseVersion: 1, rule: rule() } };
    },
  },
  'POST /programmes/{id}/approvals': {
    expect: jwt({ own: 200, partner: 200 }),
    object: 'a new programme of demo, under negotiation',
    request: async (fresh) => {
      const p = fresh ? await freshProgramme() : await sharedProgramme();
      return { path: `/programmes/${p.id}/approvals`, body: { version: 1, contentHash: p.contentHash } };
    },
  },
  'POST /programmes/{id}/withdraw': {
    expect: jwt({ coordinator: 200 }),
    object: 'a new programme of demo, under negotiation',
    request: async (fresh) => ({
      path: `/programmes/${(fresh ? await freshProgramme() : await sharedProgramme()).id}/withdraw`,
      body: { reason: 'Matrix test' },
    }),
  },
  'POST /programmes/{id}/preview': {
    expect: jwt({ own: 200, partner: 200, coordinator: 200 }),
    object: 'a programme of demo (writes nothing)',
    request: async () => ({ path: `/programmes/${(await sharedProgramme()).id}/preview`, body: { rule: rule() } }),
  },
  'POST /programmes/{id}/comments': {
    expect: jwt({ own: 201, partner: 201, coordinator: 201 }),
    object: 'a programme of demo, under negotiation',
    request: async (fresh) => ({
      path: `/programmes/${(fresh ? await freshProgramme() : await sharedProgramme()).id}/comments`,
      body: { version: 1, text: 'Matrix test' },
    }),
  },
  'GET /programmes/{id}/history': get('/programmes/demo-joint-master/history'),
  'POST /programmes/{id}/stackability': post('/programmes/demo-joint-master/stackability', {
    credentials: ['luh-machine-learning'],
  }),
  'POST /programmes/{id}/eligibility': post('/programmes/demo-joint-master/eligibility', {
    achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2025-06-30' }],
    asOf: '2026-01-01',
  }),
  // The micro-degree: the joint master's pathway search spends its whole 2 s budget per call.
  'POST /programmes/{id}/pathways': post('/programmes/demo-micro-degree-data-science/pathways', { limit: 2 }),
  'GET /credentials/{id}/export': get('/credentials/luh-machine-learning/export?format=ob3'),
  'GET /programmes/{id}/export': get('/programmes/demo-joint-master/export?format=elm'),
  'POST /interoperability': post('/interoperability', {
    credential: 'luh-machine-learning',
    target: { programmeId: 'demo-joint-master' },
  }),
  'GET /alliances/{id}/interoperability': get('/alliances/demo/interoperability'),
  'GET /credentials/{id}/programmes': get('/credentials/luh-machine-learning/programmes'),
  'POST /eligibility': post('/eligibility', {
    achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2025-06-30' }],
    allianceId: 'demo',
    asOf: '2026-01-01',
  }),
  // Saved plans (SPEC §4): anyone saves, whoever has the link reads, whoever holds the plan's key deletes.
  'POST /plans': {
    expect: everyone(201),
    object: 'a new plan of the joint master',
    request: async () => ({ path: '/plans', body: { programmeId: 'demo-joint-master', achievements: [] } }),
  },
  'GET /plans/{id}': {
    expect: everyone(200),
    object: 'a saved plan, by its link',
    request: async () => ({ path: `/plans/${(await sharedPlan()).id}` }),
  },
  'DELETE /plans/{id}': {
    expect: everyone(204),
    object: 'a saved plan, with its Plan-Key',
    request: async () => {
      const plan = await freshPlan();
      return { method: 'DELETE', path: `/plans/${plan.id}`, headers: { 'plan-key': plan.deleteKey ?? '' } };
    },
  },
  'POST /institutions/{id}/credentials/import': {
    // Authorisation comes first: a permitted caller gets as far as the CSV, whose missing columns are a 400.
    expect: jwt({ own: 400, coordinator: 400 }),
    object: 'institution luh; a CSV without the required columns',
    request: async () => ({
      path: '/institutions/luh/credentials/import',
      raw: 'nothing\n',
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /institutions/{id}/imports': {
    expect: jwt({ own: 202, coordinator: 202 }),
    object: 'institution luh; a one-row CSV',
    request: async () => ({
      path: '/institutions/luh/imports',
      raw: oneRowCsv(),
      headers: { 'content-type': 'text/csv' },
    }),
  },
  // Someone else's job is answered as if it did not exist: job ids cannot be probed.
  'GET /imports/{id}': {
    expect: jwt({ own: 200, coordinator: 200, partner: 404, foreign: 404, otherCoordinator: 404 }),
    object: 'an import job of luh',
    request: async () => ({ path: `/imports/${await sharedImport()}` }),
  },
  'GET /imports/{id}/rows': {
    expect: jwt({ own: 200, coordinator: 200, partner: 404, foreign: 404, otherCoordinator: 404 }),
    object: 'an import job of luh',
    request: async () => ({ path: `/imports/${await sharedImport()}/rows` }),
  },
};

const keyOf = (r: RouteSpec) => `${r.method} ${r.path}`;

/** A public read without path parameters added to the table later needs no entry: anyone may read it. */
const caseOf = (r: RouteSpec): RouteCase | undefined =>
  CASES[keyOf(r)] ?? (r.auth === 'public' && r.method === 'GET' && !r.path.includes('{') ? get(r.path) : undefined);

const tokenOf = async (p: Principal, alliance: string): Promise<string | undefined> => {
  switch (p) {
    case 'none':
      return undefined;
    case 'expired':
      return api.token({ role: 'operator', expiresIn: '-1h' });
    case 'forged':
      return signToken(new TextEncoder().encode('not-the-registry-secret-not-the-registry'), { role: 'operator' });
    case 'student':
      return api.token({ role: 'student' });
    case 'own':
      return api.token({ role: 'institution', id: 'luh' });
    case 'partner':
      return api.token({ role: 'institution', id: 'lut' });
    case 'foreign':
      return api.token({ role: 'institution', id: 'outsider' });
    case 'coordinator':
      return api.token({ role: 'coordinator', id: alliance });
    case 'otherCoordinator':
      return api.token({ role: 'coordinator', id: otherAlliance });
    case 'operator':
      return api.token({ role: 'operator' });
  }
};

const observed = new Map<string, Expectation>();

beforeAll(async () => {
  api = await startApi();
  operator = await api.token({ role: 'operator' });
  luh = await api.token({ role: 'institution', id: 'luh' });
  coordinatorDemo = await api.token({ role: 'coordinator', id: 'demo' });
  outsider = 'outsider';
  otherAlliance = `other-${randomUUID().slice(0, 8)}`;
  await created('POST', '/institutions', operator, {
    id: outsider,
    name: 'Outsider University',
    country: 'PT',
    kind: 'hei',
  });
  await created('POST', '/alliances', operator, { id: otherAlliance, name: 'Another alliance', members: [outsider] });
  jointMasterRule = (await api.call('GET', '/programmes/demo-joint-master/versions/1')).body.rule;
});
afterAll(() => api.stop());

describe('the authorisation matrix', () => {
  it('has an expectation for every route of the route table', () => {
    expect(ROUTES.filter((r) => !caseOf(r)).map(keyOf)).toEqual([]);
  });

  describe.each(ROUTES.map((r) => [keyOf(r), r] as const))('%s', (key, route) => {
    it('answers every kind of caller as the policy says, with the security headers', async () => {
      const routeCase = caseOf(route);
      if (!routeCase) throw new Error(`no matrix entry for ${key}`);
      const statuses = await Promise.all(
        ALL.map(async (principal) => {
          const request = await routeCase.request(routeCase.expect[principal] < 300);
          const token = await tokenOf(principal, request.alliance ?? 'demo');
          const res = await api.call(request.method ?? route.method, request.path, {
            ...(token ? { token } : {}),
            ...(request.body !== undefined ? { body: request.body } : {}),
            ...(request.raw !== undefined ? { raw: request.raw } : {}),
            ...(request.headers ? { headers: request.headers } : {}),
          });
          for (const [name, value] of Object.entries(SECURITY_HEADERS))
            expect(res.headers.get(name), `${key} ${principal}: ${name}`).toBe(value);
          return [principal, res.status] as const;
        }),
      );
      const got = Object.fromEntries(statuses) as Expectation;
      observed.set(key, got);
      expect(got).toEqual(routeCase.expect);
    });
  });

  it('writes the matrix to docs/authorization.md', () => {
    expect([...observed.keys()].sort()).toEqual(ROUTES.map(keyOf).sort());
    const header = `| route | object | ${ALL.map((p) => PRINCIPALS[p]).join(' | ')} |`;
    const rows = ROUTES.map((r) => {
      const routeCase = caseOf(r);
      return `| \`${keyOf(r)}\` | ${routeCase?.object ?? ''} | ${ALL.map((p) => routeCase?.expect[p] ?? '').join(' | ')} |`;
    });
    const doc = [
      '# Authorisation matrix',
      '',
      '<!-- Generated by test/integration/authorization.test.ts from the route table; do not edit by hand. -->',
      '',
      'Every route of `functions/routes.ts` against every kind of caller, with the status the registry answers.',
      'Each cell was asserted over HTTP against the local server on the seeded demo (alliance `demo` of luh, lut,',
      'but, tuwien and upm; `outsider` is an institution outside it; "another alliance" holds only `outsider`).',
      'A cell expected to succeed acts on an object of its own (a new credential, programme or alliance).',
      '',
      '- 401: no token, an expired one or one with a forged signature, on a route behind the JWT authorizer',
      '  (routes open to anyone ignore the header, as API Gateway does for routes without an authorizer).',
      '- 403: a valid token whose role the route does not allow (`allow` in the handler), or an object-level',
      '  refusal: the credential belongs to another institution and the caller coordinates no alliance of it',
      "  (`shared/app/access.ts`), the caller neither coordinates nor is a member of the programme's alliance",
      "  (`shared/app/programmes/negotiate.ts`), or the alliance is not the coordinator's (`shared/app/alliances.ts`).",
      "- Approvals are always in the caller's own name: the institution comes from the token, never from the body.",
      '- Invitations (SPEC §3): an institution a coordinator names (on `POST /alliances` or `PUT …/members/…`) is only',
      '  `invited`: it is no member, approves nothing, and the coordinator may not write its credentials (403) until the',
      '  institution itself accepts (`POST …/members/{institutionId}/accept`; any other caller 403, no invitation 404).',
      '  The operator names members at once.',
      '- Confirmations (SPEC §3): only an institution a credential names in `awardingBodies` or as `qaResponsible`, other',
      '  than the registering one, confirms its part (`POST /credentials/{id}/confirm`); anyone else 403. Until it does,',
      '  exports, `countries` and recognition checks leave it out.',
      '',
      header,
      `|---|---|${ALL.map(() => '---').join('|')}|`,
      ...rows,
      '',
    ].join('\n');
    const file = new URL('../../docs/authorization.md', import.meta.url);
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (current !== doc) writeFileSync(file, doc);
    expect(readFileSync(file, 'utf8')).toBe(doc);
  });
});

describe('object-level checks', () => {
  it("rejects a credential registered in another institution's name as its awarding body", async () => {
    const res = await api.call('POST', '/credentials', { token: luh, body: { ...draft(), awardingBodies: ['lut'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'awardingBodies' }));
  });

  it("refuses a partner that claims another institution's credential by naming itself in the body", async () => {
    const id = await freshCredential();
    const lut = await api.token({ role: 'institution', id: 'lut' });
    const res = await api.call('PUT', `/credentials/${id}`, {
      token: lut,
      body: draft('lut'),
      headers: { 'if-match': '1' },
    });
    expect(res.status).toBe(403);
    expect((await api.call('GET', `/credentials/${id}`)).body).toMatchObject({ institutionId: 'luh', version: 1 });
  });
});
