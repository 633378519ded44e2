import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

let api: TestApi;
let luh: string;
let tuwien: string;
let coordinator: string;
let otherCoordinator: string;
let student: string;

const draft = (overrides: Record<string, unknown> = {}) =>
  credentialDraft({
    subjectArea: '0542',
    skills: ['http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d'],
    ...overrides,
  });

beforeAll(async () => {
  api = await startApi();
  luh = await api.token({ role: 'institution', id: 'luh' });
  tuwien = await api.token({ role: 'institution', id: 'tuwien' });
  coordinator = await api.token({ role: 'coordinator', id: 'demo' });
  otherCoordinator = await api.token({ role: 'coordinator', id: 'elsewhere' });
  student = await api.token({ role: 'student' });
});
afterAll(() => api.stop());

describe('registering a credential', () => {
  it('stores version 1 with the server-assigned fields and lists it in the catalogue', async () => {
    const res = await api.call('POST', '/credentials', { token: luh, body: draft({ title: 'Bayesian Inference' }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 1,
      status: 'published',
      institutionId: 'luh',
      countries: ['DE'],
      nanoCredential: false,
    });
    expect(res.body.id).toMatch(/^luh-bayesian-inference-/);
    const listed = await api.call('GET', `/credentials?institution=luh&q=bayesian`);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
  });

  it('lets a coordinator of an alliance the institution belongs to register for it', async () => {
    const res = await api.call('POST', '/credentials', {
      token: coordinator,
      body: draft({ title: 'Coordinated Course' }),
    });
    expect(res.status).toBe(201);
  });

  it('refuses another institution, a coordinator of another alliance and a student with 403', async () => {
    for (const token of [tuwien, otherCoordinator, student]) {
      const res = await api.call('POST', '/credentials', { token, body: draft() });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a request without a token with 401', async () => {
    const res = await api.call('POST', '/credentials', { body: draft() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a forged token with 401', async () => {
    const forged = `${luh.slice(0, luh.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    const res = await api.call('POST', '/credentials', { token: forged, body: draft() });
    expect(res.status).toBe(401);
  });

  it('names each invalid field in details', async () => {
    const res = await api.call('POST', '/credentials', {
      token: luh,
      body: draft({ ects: -1, eqfLevel: 9, learningOutcomes: [], title: undefined }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['ects', 'eqfLevel', 'learningOutcomes', 'title']));
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'title').message).toContain('title');
  });

  it('requires qaResponsible when more than one body awards the credential', async () => {
    const res = await api.call('POST', '/credentials', {
      token: luh,
      body: draft({ awardingBodies: ['luh', 'tuwien'] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'qaResponsible' }));
  });

  it('rejects awarding bodies that do not exist, naming the entry', async () => {
    const res = await api.call('POST', '/credentials', {
      token: luh,
      body: draft({ awardingBodies: ['luh', 'nowhere'], qaResponsible: 'luh' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'awardingBodies.1' }));
  });

  it('accepts a credential under 1 ECTS as a nano-credential that does not stack', async () => {
    const res = await api.call('POST', '/credentials', { token: luh, body: draft({ title: 'Nano', ects: 0.5 }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ nanoCredential: true, stackability: 'standalone' });
    expect(res.body.warnings[0]).toContain('nano-credential');
  });
});

describe('validating a draft', () => {
  it('reports problems and writes nothing', async () => {
    const before = await api.call('GET', '/credentials?institution=luh&limit=100');
    const res = await api.call('POST', '/credentials/validate', {
      body: draft({ title: 'Dry Run Only', eqfLevel: 0 }),
    });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.problems).toContainEqual(expect.objectContaining({ path: 'eqfLevel' }));
    const ok = await api.call('POST', '/credentials/validate', { body: draft({ title: 'Dry Run Only' }) });
    expect(ok.body).toMatchObject({ valid: true, problems: [] });
    const after = await api.call('GET', '/credentials?institution=luh&limit=100');
    expect(after.body.items.length).toBe(before.body.items.length);
  });
});

describe('versions', () => {
  it('appends version n+1 on PUT with If-Match and keeps old versions readable', async () => {
    const created = await api.call('POST', '/credentials', { token: luh, body: draft({ title: 'Versioned' }) });
    const id = created.body.id as string;
    const updated = await api.call('PUT', `/credentials/${id}`, {
      token: luh,
      headers: { 'if-match': '"1"' },
      body: draft({ title: 'Versioned', ects: 6 }),
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, version: 2, ects: 6 });
    expect((await api.call('GET', `/credentials/${id}/versions/1`)).body.ects).toBe(5);
    expect((await api.call('GET', `/credentials/${id}@1`)).body.version).toBe(1);
    expect((await api.call('GET', `/credentials/${id}`)).body.version).toBe(2);
  });

  it('answers a stale If-Match with 412', async () => {
    const created = await api.call('POST', '/credentials', { token: luh, body: draft({ title: 'Stale' }) });
    const id = created.body.id as string;
    await api.call('PUT', `/credentials/${id}`, {
      token: luh,
      headers: { 'if-match': '1' },
      body: draft({ title: 'Stale' }),
    });
    const stale = await api.call('PUT', `/credentials/${id}`, {
      token: luh,
      headers: { 'if-match': '1' },
      body: draft({ title: 'Stale' }),
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('PRECONDITION_FAILED');
  });

  it('lets only one of two concurrent updates on the same version win', async () => {
    const created = await api.call('POST', '/credentials', { token: luh, body: draft({ title: 'Raced' }) });
    const id = created.body.id as string;
    const results = await Promise.all(
      [6, 7].map((ects) =>
        api.call('PUT', `/credentials/${id}`, {
          token: luh,
          headers: { 'if-match': '1' },
          body: draft({ title: 'Raced', ects }),
        }),
      ),
    );
    // The loser either lost the conditional write (409) or read the winner's version first (412).
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([409, 412]).toContain(statuses[1]);
    expect((await api.call('GET', `/credentials/${id}/versions/3`)).status).toBe(404);
  });

  it('retires a credential: out of the catalogue, versions still readable, no further update', async () => {
    const created = await api.call('POST', '/credentials', { token: luh, body: draft({ title: 'Retiring Soon' }) });
    const id = created.body.id as string;
    expect((await api.call('POST', `/credentials/${id}/retire`, { token: tuwien })).status).toBe(403);
    const retired = await api.call('POST', `/credentials/${id}/retire`, { token: luh });
    expect(retired.body.status).toBe('retired');
    const listed = await api.call('GET', '/credentials?q=retiring');
    expect(listed.body.items).toEqual([]);
    expect((await api.call('GET', `/credentials/${id}/versions/1`)).body.status).toBe('retired');
    const put = await api.call('PUT', `/credentials/${id}`, {
      token: luh,
      headers: { 'if-match': '1' },
      body: draft(),
    });
    expect(put.status).toBe(409);
  });
});

describe('the catalogue', () => {
  it('filters by institution, level, subject (by prefix) and skill', async () => {
    const byInstitution = await api.call('GET', '/credentials?institution=upm&limit=100');
    expect(byInstitution.body.items.length).toBe(5);
    const bySubject = await api.call('GET', '/credentials?subjectArea=061&limit=100');
    expect(bySubject.body.items.every((c: { subjectArea: string }) => c.subjectArea.startsWith('061'))).toBe(true);
    expect(bySubject.body.items.length).toBeGreaterThan(3);
    const skill = 'http://data.europa.eu/esco/skill/27ed854c-15b8-4ba2-90e9-ae888a219703';
    const bySkill = await api.call('GET', `/credentials?skill=${encodeURIComponent(skill)}`);
    expect(bySkill.body.items.map((c: { id: string }) => c.id)).toEqual(['lut-software-business']);
    const combined = await api.call('GET', '/credentials?institution=but&eqfLevel=7&q=robot');
    expect(combined.body.items.map((c: { id: string }) => c.id)).toEqual(['but-robotics']);
  });

  it('pages with an opaque cursor, full pages, and no cursor on the last page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.call(
        'GET',
        `/credentials?eqfLevel=7&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      if (res.body.cursor) expect(res.body.items).toHaveLength(7);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.cursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await api.call('GET', '/credentials?eqfLevel=7&limit=100');
    expect(seen.length).toBe(all.body.items.length);
    expect(all.body.cursor).toBeUndefined();
  });

  it('answers a forged or foreign cursor with 400 naming cursor', async () => {
    const first = await api.call('GET', '/credentials?limit=2');
    const forged = Buffer.from(JSON.stringify({ pk: 'INSTITUTIONS', sk: 'INST#luh' })).toString('base64url');
    for (const cursor of [`${forged}.abc`, 'garbage', first.body.cursor.replace(/.$/, 'x')]) {
      const res = await api.call('GET', `/credentials?limit=2&cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('cursor');
    }
    const foreign = await api.call(
      'GET',
      `/credentials?institution=luh&limit=2&cursor=${encodeURIComponent(first.body.cursor)}`,
    );
    expect(foreign.status).toBe(400);
  });

  it('rejects limit above 100 and a bad eqfLevel with 400', async () => {
    expect((await api.call('GET', '/credentials?limit=101')).body.error.details[0].path).toBe('query.limit');
    expect((await api.call('GET', '/credentials?eqfLevel=x')).status).toBe(400);
  });
});

describe('the HTTP edge', () => {
  it('answers malformed JSON, a wrong content type and an oversized body with JSON 4xx', async () => {
    const malformed = await api.call('POST', '/credentials', {
      token: luh,
      raw: '{"title":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    const text = await api.call('POST', '/credentials', {
      token: luh,
      raw: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const huge = await api.call('POST', '/credentials/validate', { body: { furtherInfo: 'x'.repeat(300 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers an unknown route with a JSON 404 and security headers', async () => {
    const res = await api.call('GET', '/nowhere');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('replays a retried write with the same Idempotency-Key and writes nothing new', async () => {
    const headers = { 'idempotency-key': `k-${Date.now()}` };
    const first = await api.call('POST', '/credentials', {
      token: luh,
      headers,
      body: draft({ title: 'Idempotent Course' }),
    });
    const again = await api.call('POST', '/credentials', {
      token: luh,
      headers,
      body: draft({ title: 'Idempotent Course' }),
    });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const listed = await api.call('GET', '/credentials?q=idempotent');
    expect(listed.body.items).toHaveLength(1);
    const different = await api.call('POST', '/credentials', {
      token: luh,
      headers,
      body: draft({ title: 'Something Else' }),
    });
    expect(different.status).toBe(409);
  });
});
