import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { SECURITY_HEADERS } from '../../functions/http/security-headers.js';
import { membersCatalogue } from '../../shared/app/engine/members-catalogue.js';
import { startLocalRegistry, type LocalRegistry } from '../../functions/local/registry.js';
import { signToken } from '../../functions/local/tokens.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * Hygiene at the local server's edge (docs/reliability.md): CORS allow-list, size limits, security
 * headers, rate limiting; and registries in one process that share nothing but DynamoDB Local.
 */
const ALLOWED = 'https://app.example.org';
let plain: LocalRegistry;
let limited: LocalRegistry;
let other: LocalRegistry;

const start = (extra: Partial<Parameters<typeof startLocalRegistry>[0]>) =>
  startLocalRegistry({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'registry-hygiene-')),
    inMemory: true,
    seed: false,
    endpoint: inject('dynamoEndpoint'),
    tableName: `t-${randomUUID()}`,
    ...extra,
  });

const expectSecurityHeaders = (res: Response) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
};

beforeAll(async () => {
  plain = await start({ corsOrigins: [ALLOWED] });
  limited = await start({ rateLimit: { rps: 2, burst: 3 } });
  other = await start({});
});
afterAll(async () => {
  await plain.stop();
  await limited.stop();
  await other.stop();
});

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the methods and headers the API takes', async () => {
    const res = await fetch(`${plain.url}/credentials`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expectSecurityHeaders(res);
  });

  it('grants nothing to an origin outside the allow-list', async () => {
    const preflight = await fetch(`${plain.url}/credentials`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${plain.url}/health`, { headers: { origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names the allowed origin on answers, errors included, and varies on it', async () => {
    const res = await fetch(`${plain.url}/credentials/nowhere`, { headers: { origin: ALLOWED } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('vary')).toMatch(/origin/i);
  });
});

describe('size limits', () => {
  it('refuses a body above 256 KB with 413 in the error envelope', async () => {
    const res = await fetch(`${plain.url}/credentials/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'x'.repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    expectSecurityHeaders(res);
  });

  it('answers a request line and headers above 16 KB with 431 in the error envelope', async () => {
    const { status, headers, body } = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      body: string;
    }>((resolve, reject) => {
      const req = httpRequest(`${plain.url}/health?q=${'x'.repeat(20_000)}`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
    expect(JSON.parse(body).error.code).toBe('VALIDATION_FAILED');
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('carries the security headers on an unknown route too', async () => {
    const res = await fetch(`${plain.url}/no/such/route`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res);
  });
});

describe('rate limiting (RATE_LIMIT_RPS / RATE_LIMIT_BURST)', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a subject spends its burst, and recovers', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/health`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await fetch(`${limited.url}/health`);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expectSecurityHeaders(refused);
    await new Promise((r) => setTimeout(r, retryAfter * 1000));
    expect((await fetch(`${limited.url}/health`)).status).toBe(200);
  });

  it("counts a verified token's subject apart from its IP", async () => {
    const token = await signToken(limited.secret, { role: 'operator', sub: `rate-${randomUUID()}` });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${limited.url}/institutions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      statuses.push(res.status);
    }
    // The body is invalid on purpose: 400 shows the request got past the limiter, nothing is written.
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});

describe('two registries in one process', () => {
  const SAMPLE_ROW = readFileSync(new URL('../../docs/sample-credentials.csv', import.meta.url), 'utf8')
    .split('\n')
    .slice(0, 2)
    .join('\n');

  const call = async (registry: LocalRegistry, method: string, path: string, token?: string, body?: string) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = path.endsWith('/imports') ? 'text/csv' : 'application/json';
    const res = await fetch(`${registry.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** An institution of `registry` alone, written through its API. */
  const institutionOf = async (registry: LocalRegistry, id = `iso-${randomUUID().slice(0, 8)}`) => {
    const operator = await signToken(registry.secret, { role: 'operator' });
    const body = JSON.stringify({ id, name: `University ${id}`, country: 'DE', kind: 'hei' });
    expect((await call(registry, 'POST', '/institutions', operator, body)).status).toBe(201);
    return id;
  };

  it('keeps what is written through one out of the other', async () => {
    const id = await institutionOf(plain);
    expect((await call(plain, 'GET', `/institutions/${id}`)).status).toBe(200);
    expect((await call(other, 'GET', `/institutions/${id}`)).status).toBe(404);
    const mirrored = await institutionOf(other);
    expect((await call(other, 'GET', `/institutions/${mirrored}`)).status).toBe(200);
    expect((await call(plain, 'GET', `/institutions/${mirrored}`)).status).toBe(404);
  });

  it("works on an import job with the queue and table of the registry it was sent to, and on no other's", async () => {
    const id = await institutionOf(plain);
    const enqueuedHere = vi.spyOn(plain.imports, 'enqueue');
    const enqueuedThere = vi.spyOn(other.imports, 'enqueue');
    try {
      const token = await signToken(plain.secret, { role: 'institution', id });
      const started = await call(plain, 'POST', `/institutions/${id}/imports`, token, SAMPLE_ROW);
      expect(started.status).toBe(202);
      await plain.imports.idle();
      expect(enqueuedHere).toHaveBeenCalledTimes(1);
      expect(enqueuedThere).not.toHaveBeenCalled();
      const job = await call(plain, 'GET', `/imports/${started.body.id}`, token);
      expect(job.body).toMatchObject({ status: 'completed', created: 1 });
      expect((await call(plain, 'GET', `/credentials/${id}--deep-learning`)).status).toBe(200);
      expect((await call(other, 'GET', `/credentials/${id}--deep-learning`)).status).toBe(404);
    } finally {
      enqueuedHere.mockRestore();
      enqueuedThere.mockRestore();
    }
  });

  it("keeps the engine's warm catalogue of one registry from answering for the other", async () => {
    // The same institution id in both, each with one offering of its own: equal ids and equal revisions.
    const id = await institutionOf(plain);
    await institutionOf(other, id);
    const offer = async (registry: LocalRegistry, title: string) => {
      const token = await signToken(registry.secret, { role: 'institution', id });
      const draft = credentialDraft({ institutionId: id, title, learningOutcomes: ['Keep two registries apart'] });
      expect((await call(registry, 'POST', '/credentials', token, JSON.stringify(draft))).status).toBe(201);
    };
    await offer(plain, 'Offered by the first registry');
    await offer(other, 'Offered by the second registry');
    const titles = async (registry: LocalRegistry) =>
      (await membersCatalogue(registry.deps, [id])).map((credential) => credential.title);
    expect(await titles(plain)).toEqual(['Offered by the first registry']);
    expect(await titles(other)).toEqual(['Offered by the second registry']);
  });
});
