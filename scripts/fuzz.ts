import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import { signToken } from '../functions/local/tokens.js';
import { ROUTES, type RouteSpec } from '../functions/routes.js';
import { DEMO_CREDENTIALS } from '../shared/app/seed/demo-credentials.js';
import { DEMO_JOINT_MASTER } from '../shared/app/seed/demo-programmes.js';
import { quietRequestLog, scratchRegistry } from './measuring.js';

/*
 * `npm run fuzz [-- <count> [seed]]`: fast-check generates requests to every route of the route
 * table (bodies, query strings, path parameters, headers, tokens) and sends them over HTTP to a
 * local registry it starts in memory. Any 5xx, any answer slower than 5 s and any error answer that
 * is not the SPEC §4 JSON envelope fails the run. `runFuzz` is also what test/integration/fuzz.test.ts runs.
 */

export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly route: string;
}

export interface FuzzFailure {
  readonly request: FuzzRequest;
  readonly why: string;
}

export interface FuzzSummary {
  readonly sent: number;
  readonly byStatus: Record<string, number>;
  readonly failures: FuzzFailure[];
  readonly slowestMs: number;
  readonly slowestRoute: string;
  readonly seconds: number;
}

export interface FuzzTargets {
  /** Ids that exist, so that bodies reach validation and the use-cases behind it. */
  readonly programmeIds: readonly string[];
  /** A programme and a credential the fuzzer may withdraw, retire or amend without spoiling the rest. */
  readonly sacrificialProgrammeId: string;
  readonly sacrificialCredentialId: string;
  /** A credential of lut naming luh as co-awarding body: luh's token may confirm it (SPEC §3). */
  readonly coAwardedCredentialId: string;
  /** An alliance whose coordinator invited luh and lut: their tokens may accept (SPEC §3). */
  readonly invitingAllianceId: string;
}

const HANG_MS = 5_000;

/** Tokens a request may carry: none, garbage, expired, or one of each role. */
export const fuzzTokens = async (secret: Uint8Array): Promise<string[]> => [
  await signToken(secret, { role: 'operator' }),
  await signToken(secret, { role: 'institution', id: 'luh' }),
  await signToken(secret, { role: 'coordinator', id: 'demo' }),
  await signToken(secret, { role: 'student' }),
  await signToken(secret, { role: 'institution', id: 'luh', expiresIn: '-1h' }),
  'not.a.jwt',
  `${await signToken(new TextEncoder().encode('forged-secret-forged-secret-0000'), { role: 'operator' })}`,
];

// ---- values -------------------------------------------------------------------------------------

const edgeNumber = fc.constantFrom(
  0,
  -0,
  -1,
  1,
  0.5,
  1e-320,
  5e-324,
  1e308,
  -1e308,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 31),
  2 ** 31,
  2 ** 63,
  255,
  256,
  65_536,
  1e21,
);
const hugeString = fc.constantFrom(200, 10_000, 200_000).map((n) => 'é'.repeat(Math.floor(n / 2)));
const unicodeString = fc.string({ unit: 'binary', maxLength: 40 });
const trickyString = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud800',
  '__proto__',
  'constructor',
  'toString',
  '../../etc/passwd',
  '%00',
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  'CRED#luh-machine-learning',
  'HEAD',
  'V#000001',
  'a'.repeat(65),
  'luh-machine-learning@0',
  'luh-machine-learning@999999',
  'demo-joint-master',
  'luh',
  'NaN',
  'Infinity',
  '1e999',
  'true',
  'null',
  '2024-02-30',
  '9999-12-31',
  '0000-01-01',
  'http://data.europa.eu/esco/skill/x',
  '06',
  '0613',
  'ob3',
  'elm',
  'embedded',
);
const deepArray = fc.integer({ min: 10, max: 1_000 }).map((depth) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
});
const deepObject = fc.integer({ min: 10, max: 500 }).map((depth) => {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
});

/** Any JSON value a careless or hostile client may send in place of the expected one. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: edgeNumber },
  { weight: 3, arbitrary: trickyString },
  { weight: 2, arbitrary: unicodeString },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepArray },
  { weight: 1, arbitrary: deepObject },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [{}], [null]) },
);

type Json = Record<string, unknown>;

/** A valid template with one or more of: a field dropped, replaced by a weird value, an extra field, nested damage. */
const mutated = (template: Json): fc.Arbitrary<unknown> => {
  const keys = Object.keys(template);
  const one: fc.Arbitrary<(t: Json) => unknown> = fc.oneof(
    fc
      .constantFrom(...keys)
      .map((k) => (t: Json) => Object.fromEntries(Object.entries(t).filter(([key]) => key !== k))),
    fc.tuple(fc.constantFrom(...keys), weird).map(([k, v]) => (t: Json) => ({ ...t, [k]: v })),
    fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), trickyString), weird).map(([k, v]) => (t: Json) => ({
      ...t,
      [k]: v,
    })),
    fc.tuple(fc.constantFrom(...keys), weird).map(([k, v]) => (t: Json) => {
      // Damage inside an array or object field: replace its first element or one of its keys.
      const inner = t[k];
      if (Array.isArray(inner)) return { ...t, [k]: [v, ...inner.slice(1)] };
      if (inner && typeof inner === 'object') {
        const innerKeys = Object.keys(inner);
        return { ...t, [k]: { ...inner, [innerKeys[0] ?? 'x']: v } };
      }
      return { ...t, [k]: [inner] };
    }),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(template) },
    {
      weight: 6,
      arbitrary: fc
        .array(one, { minLength: 1, maxLength: 3 })
        .map((fs) =>
          fs.reduce<unknown>((t, f) => (t && typeof t === 'object' && !Array.isArray(t) ? f(t as Json) : t), template),
        ),
    },
    { weight: 1, arbitrary: fc.constant([template]) },
  );
};

// ---- valid templates, one per body route --------------------------------------------------------

const credentialDraft = (): Json => {
  const { slug: _slug, ...draft } = DEMO_CREDENTIALS[0] ?? { slug: '' };
  return { ...draft, title: 'Fuzzed credential' };
};

/** A credential from outside the registry, as an achievement or an interoperability question sends it. */
const EXTERNAL_CREDENTIAL: Json = {
  title: 'X',
  issuer: 'Y',
  country: 'DE',
  ects: 5,
  eqfLevel: 7,
  qualityAssurance: 'internal',
  issuedOn: '2025-01-01',
};

const templates = (targets: FuzzTargets): Record<string, Json[]> => ({
  'POST /institutions': [{ id: 'fuzz-inst', name: 'Fuzz University', country: 'DE', kind: 'hei' }],
  'POST /alliances': [{ id: 'fuzz-alliance', name: 'Fuzz Alliance', members: ['luh', 'lut'] }],
  'POST /credentials': [credentialDraft()],
  'POST /credentials/validate': [credentialDraft()],
  'PUT /credentials/{id}': [credentialDraft()],
  'POST /alliances/{id}/programmes': [{ rule: DEMO_JOINT_MASTER.rule as Json }],
  'POST /programmes/{id}/versions': [
    { baseVersion: 1, rule: { ...(DEMO_JOINT_MASTER.rule as Json), title: 'Fuzzed amendment' } },
  ],
  'POST /programmes/{id}/approvals': [
    { version: 1, contentHash: 'a'.repeat(64) },
    { version: 1, contentHash: 'a'.repeat(64), comment: 'Fuzzed' },
  ],
  'POST /programmes/{id}/preview': [{ rule: { ...(DEMO_JOINT_MASTER.rule as Json), title: 'Fuzzed preview' } }],
  'POST /programmes/{id}/comments': [{ version: 1, text: 'Fuzzed comment' }],
  'POST /programmes/{id}/withdraw': [{ reason: 'Fuzzed withdrawal' }],
  'POST /credentials/{id}/confirm': [{ version: 1 }],
  'POST /programmes/{id}/stackability': [{ credentials: ['luh-machine-learning', 'lut-energy-systems@1'] }],
  'POST /programmes/{id}/eligibility': [
    {
      achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2025-06-30', score: 0.8 }],
      asOf: '2026-01-01',
    },
    {
      achievements: [
        {
          external: EXTERNAL_CREDENTIAL,
        },
      ],
    },
    {
      achievements: [
        {
          document: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiableCredential'],
            credentialSubject: { achievement: { name: 'X' } },
          },
        },
      ],
    },
  ],
  'POST /programmes/{id}/pathways': [{ include: ['luh-machine-learning'], limit: 5 }],
  'POST /interoperability': [
    { credential: 'luh-machine-learning', target: { programmeId: targets.programmeIds[0] ?? 'demo-joint-master' } },
    {
      credential: {
        external: EXTERNAL_CREDENTIAL,
      },
      target: { institutionId: 'luh' },
    },
  ],
});

// ---- path parameters, query strings, headers ----------------------------------------------------

const paramPool = (route: RouteSpec, name: string, targets: FuzzTargets): string[] => {
  const key = `${route.method} ${route.path}`;
  if (key === 'POST /programmes/{id}/withdraw' || key === 'POST /programmes/{id}/versions')
    return [targets.sacrificialProgrammeId];
  if (key === 'POST /credentials/{id}/retire' || key === 'PUT /credentials/{id}')
    return [targets.sacrificialCredentialId];
  if (key === 'POST /credentials/{id}/confirm')
    return [targets.coAwardedCredentialId, 'luh-machine-learning', 'nowhere'];
  if (key === 'POST /alliances/{id}/members/{institutionId}/accept' && name === 'id')
    return [targets.invitingAllianceId, 'demo', 'nowhere'];
  if (name === 'n') return ['1', '2', '0', '-1', '1.5', '999999', '1e3', '0x1'];
  if (name === 'institutionId') return ['luh', 'lut', 'nowhere'];
  if (route.path.startsWith('/programmes')) return [...targets.programmeIds, 'nowhere'];
  if (route.path.startsWith('/alliances')) return ['demo', 'nowhere'];
  if (route.path.startsWith('/institutions')) return ['luh', 'nowhere'];
  return ['luh-machine-learning', 'luh-machine-learning@1', 'nowhere'];
};

const paramValue = (pool: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: trickyString.filter((s) => s.length > 0) },
    { weight: 1, arbitrary: unicodeString.filter((s) => s.length > 0) },
    { weight: 1, arbitrary: fc.constantFrom('a'.repeat(2_000), '%', '%zz', '%2e%2e', 'a.b') },
  );

/** A URL cannot carry a lone surrogate; clients send U+FFFD instead. */
const encode = (value: string) =>
  encodeURIComponent(
    value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

/** Percent-encodes like a client would, except that sometimes it sends the raw (possibly broken) text. */
const encodeSegment = (value: string, raw: boolean) => {
  if (!raw) return encode(value);
  return /^[\x21-\x7e]+$/.test(value) && !value.includes('/') && !value.includes('?') && !value.includes('#')
    ? value
    : encode(value);
};

const QUERY_KEYS = [
  'limit',
  'cursor',
  'institution',
  'eqfLevel',
  'subjectArea',
  'skill',
  'q',
  'format',
  'context',
  'firstRow',
  'participation',
];
const queryString = fc.array(
  fc.tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: trickyString }),
    fc.oneof(
      fc.constantFrom(
        '1',
        '20',
        '100',
        '101',
        '0',
        '-1',
        '1.5',
        'abc',
        '',
        '7',
        '8',
        '9',
        'luh',
        '0613',
        'ob3',
        'elm',
        'link',
        'embedded',
        'eyJ4IjoxfQ',
      ),
      trickyString,
      unicodeString,
      fc.constant('x'.repeat(5_000)),
    ),
  ),
  { maxLength: 4 },
);

const tokenChoice = (tokens: readonly string[]) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 5, arbitrary: fc.constantFrom(...tokens) });

const rawBody = (template: fc.Arbitrary<unknown>): fc.Arbitrary<{ text: string; contentType: string }> =>
  fc.oneof(
    { weight: 12, arbitrary: template.map((v) => ({ text: JSON.stringify(v), contentType: 'application/json' })) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          '',
          '{',
          '{"a":',
          'null',
          '[]',
          '"text"',
          '1e999',
          '{"ects":1e999}',
          '{"limit":-0}',
          '\ufeff{}',
          '{"a":1,"a":2}',
          '{"__proto__":{"polluted":true}}',
          '{"constructor":{"prototype":{"x":1}}}',
          `{"rule":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
          `{"achievements":[{"document":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}]}`,
          'x'.repeat(300_000),
        )
        .map((text) => ({ text, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          template,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            '',
            'application/json; charset=latin1',
            'application/ld+json',
            'APPLICATION/JSON',
          ),
        )
        .map(([v, contentType]) => ({ text: JSON.stringify(v), contentType })),
    },
  );

const routeRequest = (route: RouteSpec, targets: FuzzTargets, tokens: readonly string[]): fc.Arbitrary<FuzzRequest> => {
  const key = `${route.method} ${route.path}`;
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const bodyTemplates = templates(targets)[key];
  const body =
    route.method === 'GET'
      ? fc.constant(undefined)
      : bodyTemplates
        ? rawBody(fc.oneof(...bodyTemplates.map(mutated), weird)).map(
            (b) => b as { text: string; contentType: string } | undefined,
          )
        : fc.oneof(fc.constant(undefined), rawBody(weird));
  return fc
    .record({
      values: fc.tuple(...params.map((p) => paramValue(paramPool(route, p, targets))), fc.constant('')),
      raw: fc.boolean(),
      query: route.method === 'GET' ? queryString : fc.oneof(fc.constant([] as [string, string][]), queryString),
      token: tokenChoice(tokens),
      body,
      idempotencyKey: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.oneof(fc.uuid(), trickyString, fc.constant('k'.repeat(300))) },
      ),
      ifMatch: fc.oneof(fc.constant(undefined), fc.constantFrom('1', '"1"', 'W/"1"', '*', '0', 'abc', '"99999999999"')),
    })
    .map(({ values, raw, query, token, body: b, idempotencyKey, ifMatch }) => {
      let i = 0;
      const path = route.path.replace(/\{\w+\}/g, () => encodeSegment(values[i++] ?? '', raw));
      const search = query.length > 0 ? `?${query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : '';
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (b) headers['content-type'] = b.contentType;
      if (idempotencyKey !== undefined && /^[\x20-\x7e]*$/.test(idempotencyKey))
        headers['idempotency-key'] = idempotencyKey;
      if (ifMatch !== undefined) headers['if-match'] = ifMatch;
      return { method: route.method, path: `${path}${search}`, headers, ...(b ? { body: b.text } : {}), route: key };
    });
};

/** `count` requests spread evenly over the route table, reproducible from `seed`. */
export const generateRequests = (
  count: number,
  seed: number,
  targets: FuzzTargets,
  tokens: readonly string[],
): FuzzRequest[] => {
  const perRoute = Math.ceil(count / ROUTES.length);
  return ROUTES.flatMap((route, i) =>
    fc.sample(routeRequest(route, targets, tokens), { numRuns: perRoute, seed: seed + i }),
  );
};

// ---- sending and judging ------------------------------------------------------------------------

const judge = (status: number, text: string): string | undefined => {
  if (status >= 500) return `status ${status}`;
  if (status < 400) return undefined;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string')
      return `error body without { error: { code, message } }: ${text.slice(0, 200)}`;
  } catch {
    return `error body is not JSON: ${text.slice(0, 200)}`;
  }
  return undefined;
};

/*
 * A pathways search may use its whole 2 s time budget (shared/engine/budget.ts) on the CPU. In AWS
 * each request has its own Lambda container; the local server is one process, where a few such
 * searches at once would queue everything behind them. They go in a lane of their own, one at a time.
 */
const CPU_BOUND_ROUTES = new Set(['POST /programmes/{id}/pathways']);

export const sendAll = async (
  baseUrl: string,
  requests: readonly FuzzRequest[],
  concurrency = 8,
): Promise<FuzzSummary> => {
  const heavy = requests.filter((r) => CPU_BOUND_ROUTES.has(r.route));
  const light = requests.filter((r) => !CPU_BOUND_ROUTES.has(r.route));
  const [a, b] = await Promise.all([sendLane(baseUrl, light, concurrency), sendLane(baseUrl, heavy, 1)]);
  const byStatus = { ...a.byStatus };
  for (const [status, n] of Object.entries(b.byStatus)) byStatus[status] = (byStatus[status] ?? 0) + n;
  const slowest = a.slowestMs >= b.slowestMs ? a : b;
  return {
    sent: a.sent + b.sent,
    byStatus,
    failures: [...a.failures, ...b.failures],
    slowestMs: slowest.slowestMs,
    slowestRoute: slowest.slowestRoute,
    seconds: Math.max(a.seconds, b.seconds),
  };
};

const sendLane = async (
  baseUrl: string,
  requests: readonly FuzzRequest[],
  concurrency: number,
): Promise<FuzzSummary> => {
  const started = performance.now();
  const byStatus: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let slowestMs = 0;
  let slowestRoute = '';
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const request = requests[i];
      if (!request) continue;
      const t0 = performance.now();
      let status: string;
      try {
        const res = await fetch(`${baseUrl}${request.path}`, {
          method: request.method,
          headers: request.headers,
          ...(request.body !== undefined ? { body: request.body } : {}),
          signal: AbortSignal.timeout(HANG_MS),
        });
        const text = await res.text();
        status = String(res.status);
        const why = judge(res.status, text);
        if (why) failures.push({ request, why });
      } catch (err) {
        status = (err as Error).name === 'TimeoutError' ? 'hang' : 'network-error';
        failures.push({ request, why: `${status}: ${(err as Error).message}` });
      }
      const ms = performance.now() - t0;
      if (ms > slowestMs) [slowestMs, slowestRoute] = [ms, request.route];
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    sent: requests.length,
    byStatus,
    failures,
    slowestMs,
    slowestRoute,
    seconds: (performance.now() - started) / 1000,
  };
};

/** Creates the sacrificial programme and credential on a running registry (as its coordinator). */
export const prepareTargets = async (baseUrl: string, secret: Uint8Array): Promise<FuzzTargets> => {
  const coordinator = await signToken(secret, { role: 'coordinator', id: 'demo' });
  const post = async (path: string, body: unknown, token = coordinator) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`fuzz setup: POST ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const programme = await post('/alliances/demo/programmes', {
    rule: { ...(DEMO_JOINT_MASTER.rule as Json), title: 'Fuzz target programme' },
  });
  const credential = await post('/credentials', credentialDraft());
  const coAwarded = await post('/credentials', {
    ...credentialDraft(),
    institutionId: 'lut',
    awardingBodies: ['lut', 'luh'],
    qaResponsible: 'lut',
    title: 'Fuzz co-awarded credential',
  });
  const inviting = 'fuzz-invites';
  await post(
    '/alliances',
    { id: inviting, name: 'Fuzz invitations', members: ['luh', 'lut'] },
    await signToken(secret, { role: 'coordinator', id: inviting }),
  );
  return {
    programmeIds: ['demo-joint-master', 'demo-micro-degree-data-science', programme.id],
    sacrificialProgrammeId: programme.id,
    sacrificialCredentialId: credential.id,
    coAwardedCredentialId: coAwarded.id,
    invitingAllianceId: inviting,
  };
};

export const runFuzz = async (
  baseUrl: string,
  secret: Uint8Array,
  options: { count: number; seed: number; concurrency?: number },
): Promise<FuzzSummary> => {
  const targets = await prepareTargets(baseUrl, secret);
  const requests = generateRequests(options.count, options.seed, targets, await fuzzTokens(secret));
  return sendAll(baseUrl, requests, options.concurrency);
};

export const describeFailure = ({ request, why }: FuzzFailure): string =>
  `${why}\n    ${request.method} ${request.path.slice(0, 300)} headers=${JSON.stringify(request.headers).slice(0, 300)}\n    body=${(request.body ?? '').slice(0, 300)}`;

const main = async () => {
  const count = Number(process.argv[2] ?? process.env.FUZZ_COUNT ?? 10_000);
  const seed = Number(process.argv[3] ?? process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
  // Ten thousand request lines would bury the failures this run exists to show.
  quietRequestLog();
  const registry = await scratchRegistry('fuzz', { seed: true });
  try {
    process.stdout.write(
      `fuzzing ${registry.url} with ${count} requests over ${ROUTES.length} routes (seed ${seed})\n`,
    );
    const summary = await runFuzz(registry.url, registry.secret, { count, seed });
    const statuses = Object.entries(summary.byStatus).sort(([a], [b]) => a.localeCompare(b));
    process.stdout.write(
      `\n status  count\n${statuses.map(([s, n]) => ` ${s.padEnd(7)} ${String(n).padStart(6)}`).join('\n')}\n`,
    );
    process.stdout.write(
      `\n${summary.sent} requests in ${summary.seconds.toFixed(1)} s, slowest ${summary.slowestMs.toFixed(0)} ms (${summary.slowestRoute}), ${summary.failures.length} failures\n`,
    );
    for (const failure of summary.failures.slice(0, 20)) process.stdout.write(`  ✗ ${describeFailure(failure)}\n`);
    process.stdout.write(
      `${JSON.stringify({ sent: summary.sent, seed, byStatus: summary.byStatus, failures: summary.failures.length, slowestMs: Math.round(summary.slowestMs) })}\n`,
    );
    process.exitCode = summary.failures.length > 0 ? 1 : 0;
  } finally {
    await registry.stop();
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
