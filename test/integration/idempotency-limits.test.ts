import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * SPEC §4 Idempotency-Key: a retried write returns the first result and writes nothing new. A large
 * answer is kept as what a replay needs (status, identifying fields, a digest), so keeping it never
 * fails after the write landed; and the same key with another If-Match or query string is another
 * request, not a replay.
 */
let api: TestApi;
let luh: string;
let coordinator: string;

const keyed = (key: string, headers: Record<string, string> = {}) => ({ 'idempotency-key': key, ...headers });

/** A rule of about 120 KB: fifty requirements of fifty skills each, under the 128 KB a rule may take. */
const largeRule = (base: Record<string, unknown>, title: string) => ({
  ...base,
  title,
  requirements: Array.from({ length: 50 }, (_, i) => ({
    id: `r${i}`,
    title: `Requirement ${i}`,
    from: {
      skills: Array.from(
        { length: 36 },
        (_, j) =>
          `http://data.europa.eu/esco/skill/${String(i).padStart(4, '0')}-${String(j).padStart(4, '0')}-aaaaaaaaaaaaaaaaaaaa`,
      ),
    },
    minCount: 0,
  })),
});

beforeAll(async () => {
  api = await startApi();
  luh = await api.token({ role: 'institution', id: 'luh' });
  coordinator = await api.token({ role: 'coordinator', id: 'demo' });
});
afterAll(() => api.stop());

describe('a keyed write with a large answer', () => {
  it("lands once and its retry gets the first status and the resource's identity", async () => {
    const base = (await api.call('GET', '/programmes/demo-micro-degree-data-science/versions/1')).body.rule;
    const title = `Large ${randomUUID().slice(0, 8)}`;
    const proposed = await api.call('POST', '/alliances/demo/programmes', {
      token: coordinator,
      body: { rule: base && { ...base, title } },
    });
    expect(proposed.status).toBe(201);
    const key = randomUUID();
    const body = { baseVersion: 1, rule: largeRule(base, title) };
    const first = await api.call('POST', `/programmes/${proposed.body.id}/versions`, {
      token: coordinator,
      body,
      headers: keyed(key),
    });
    expect(first.status, JSON.stringify(first.body).slice(0, 300)).toBe(201);
    expect(JSON.stringify(first.body).length).toBeGreaterThan(64 * 1024);
    const retry = await api.call('POST', `/programmes/${proposed.body.id}/versions`, {
      token: coordinator,
      body,
      headers: keyed(key),
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toMatchObject({
      id: proposed.body.id,
      currentVersion: 2,
      replayed: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect((await api.call('GET', `/programmes/${proposed.body.id}`)).body.currentVersion).toBe(2);
  });

  it('keeps a small answer whole', async () => {
    const key = randomUUID();
    const body = credentialDraft({ title: `Small ${key.slice(0, 8)}` });
    const first = await api.call('POST', '/credentials', { token: luh, body, headers: keyed(key) });
    const retry = await api.call('POST', '/credentials', { token: luh, body, headers: keyed(key) });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });
});

describe('the fingerprint of a keyed write', () => {
  it('tells a different If-Match from a replay', async () => {
    const created = await api.call('POST', '/credentials', {
      token: luh,
      body: credentialDraft({ title: `If-Match ${randomUUID().slice(0, 8)}` }),
    });
    const key = randomUUID();
    const body = { ...credentialDraft({ title: created.body.title }), ects: 6 };
    const first = await api.call('PUT', `/credentials/${created.body.id}`, {
      token: luh,
      body,
      headers: keyed(key, { 'if-match': '1' }),
    });
    expect(first.status).toBe(200);
    const other = await api.call('PUT', `/credentials/${created.body.id}`, {
      token: luh,
      body,
      headers: keyed(key, { 'if-match': '2' }),
    });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('different request');
  });

  it('tells a different query string from a replay', async () => {
    const key = randomUUID();
    const csv = 'title\n';
    const headers = keyed(key, { 'content-type': 'text/csv' });
    const first = await api.call('POST', '/institutions/luh/credentials/import?firstRow=2', {
      token: luh,
      raw: csv,
      headers,
    });
    expect(first.status).toBe(400);
    const other = await api.call('POST', '/institutions/luh/credentials/import?firstRow=10', {
      token: luh,
      raw: csv,
      headers,
    });
    expect(other.status).toBe(409);
  });
});
