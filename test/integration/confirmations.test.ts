import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * SPEC §3: naming another institution in awardingBodies or qaResponsible is a claim until that
 * institution confirms (POST /credentials/{id}/confirm); exports, `countries` and recognition checks
 * use only confirmed bodies besides the registering one. CSV imports follow the same rule.
 */
let api: TestApi;
let luh: string;
let tuwien: string;
let upm: string;
let lut: string;

const coAwarded = async (overrides: Record<string, unknown> = {}) => {
  const res = await api.call('POST', '/credentials', {
    token: luh,
    body: credentialDraft({
      title: `Co-awarded ${randomUUID().slice(0, 8)}`,
      awardingBodies: ['luh', 'tuwien', 'upm'],
      qaResponsible: 'tuwien',
      ...overrides,
    }),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

const exported = async (id: string, format: 'ob3' | 'elm') =>
  JSON.stringify((await api.call('GET', `/credentials/${id}/export?format=${format}`)).body);

beforeAll(async () => {
  api = await startApi();
  luh = await api.token({ role: 'institution', id: 'luh' });
  tuwien = await api.token({ role: 'institution', id: 'tuwien' });
  upm = await api.token({ role: 'institution', id: 'upm' });
  lut = await api.token({ role: 'institution', id: 'lut' });
});
afterAll(() => api.stop());

describe('a credential naming other institutions', () => {
  it("is stored with the claims, nobody confirmed and only the registering institution's country", async () => {
    const credential = await coAwarded();
    expect(credential).toMatchObject({
      awardingBodies: ['luh', 'tuwien', 'upm'],
      qaResponsible: 'tuwien',
      confirmedBy: [],
      countries: ['DE'],
    });
  });

  it('is exported naming no unconfirmed body, in OB3 and in ELM', async () => {
    const { id } = await coAwarded();
    for (const format of ['ob3', 'elm'] as const) {
      const document = await exported(id, format);
      expect(document, format).toContain('Leibniz Universität Hannover');
      expect(document, format).not.toContain('TU Wien');
      expect(document, format).not.toContain('Universidad Politécnica de Madrid');
    }
  });

  it('refuses server-kept confirmedBy in the body', async () => {
    const res = await api.call('POST', '/credentials', { token: luh, body: credentialDraft({ confirmedBy: ['lut'] }) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('confirmedBy');
  });
});

describe('confirming', () => {
  it('records the confirming body and adds its country and its name to exports', async () => {
    const { id } = await coAwarded();
    const res = await api.call('POST', `/credentials/${id}/confirm`, { token: tuwien, body: { version: 1 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version: 1, confirmedBy: ['tuwien'], countries: ['AT', 'DE'] });
    expect((await api.call('GET', `/credentials/${id}`)).body).toMatchObject({
      confirmedBy: ['tuwien'],
      countries: ['AT', 'DE'],
    });
    expect((await api.call('GET', `/credentials/${id}/versions/1`)).body.confirmedBy).toEqual(['tuwien']);
    const listed = await api.call('GET', `/credentials?institution=luh&limit=100`);
    expect(listed.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ confirmedBy: ['tuwien'] });
    const document = await exported(id, 'ob3');
    expect(document).toContain('TU Wien');
    expect(document).not.toContain('Universidad Politécnica de Madrid');
  });

  it('keeps both confirmations when two bodies confirm at once', async () => {
    const { id } = await coAwarded();
    const answers = await Promise.all(
      [tuwien, upm].map((token) => api.call('POST', `/credentials/${id}/confirm`, { token, body: { version: 1 } })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await api.call('GET', `/credentials/${id}`)).body).toMatchObject({
      confirmedBy: ['tuwien', 'upm'],
      countries: ['AT', 'DE', 'ES'],
    });
  });

  it('answers the credential unchanged when confirmed twice', async () => {
    const { id } = await coAwarded();
    await api.call('POST', `/credentials/${id}/confirm`, { token: upm, body: { version: 1 } });
    const again = await api.call('POST', `/credentials/${id}/confirm`, { token: upm, body: { version: 1 } });
    expect(again.status).toBe(200);
    expect(again.body.confirmedBy).toEqual(['upm']);
  });

  it('is refused to an institution the credential does not name, and to the registering one', async () => {
    const { id } = await coAwarded();
    for (const token of [lut, luh]) {
      const res = await api.call('POST', `/credentials/${id}/confirm`, { token, body: { version: 1 } });
      expect(res.status).toBe(403);
    }
    expect((await api.call('GET', `/credentials/${id}`)).body.confirmedBy).toEqual([]);
  });

  it('refuses a version that is not current with 409, and a new version needs confirming again', async () => {
    const credential = await coAwarded();
    await api.call('POST', `/credentials/${credential.id}/confirm`, { token: tuwien, body: { version: 1 } });
    const draft = credentialDraft({
      title: credential.title,
      awardingBodies: ['luh', 'tuwien', 'upm'],
      qaResponsible: 'tuwien',
      ects: 6,
    });
    const updated = await api.call('PUT', `/credentials/${credential.id}`, {
      token: luh,
      body: draft,
      headers: { 'if-match': '1' },
    });
    expect(updated.body).toMatchObject({ version: 2, confirmedBy: [], countries: ['DE'] });
    const stale = await api.call('POST', `/credentials/${credential.id}/confirm`, { token: upm, body: { version: 1 } });
    expect(stale.status).toBe(409);
  });

  it('names the field of a malformed body', async () => {
    const { id } = await coAwarded();
    for (const body of [{}, { version: 'one' }, { version: 1, extra: true }]) {
      const res = await api.call('POST', `/credentials/${id}/confirm`, { token: tuwien, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers 404 for a credential that does not exist', async () => {
    const res = await api.call('POST', '/credentials/luh-nothing-here/confirm', {
      token: tuwien,
      body: { version: 1 },
    });
    expect(res.status).toBe(404);
  });
});

describe('a recognition check', () => {
  it('follows a QA-responsible provider only once the provider confirms', async () => {
    const operator = await api.token({ role: 'operator' });
    const providerId = `academy-${randomUUID().slice(0, 8)}`;
    await api.call('POST', '/institutions', {
      token: operator,
      body: { id: providerId, name: 'Academy GmbH', country: 'AT', kind: 'provider' },
    });
    const { id } = await coAwarded({
      awardingBodies: ['luh', providerId],
      qaResponsible: providerId,
      qualityAssurance: 'accredited-programme',
    });
    const check = async () =>
      (
        await api.call('POST', '/interoperability', {
          body: { credential: id, target: { institutionId: 'lut' }, asOf: '2026-11-01' },
        })
      ).body;
    const before = await check();
    expect(before.recognitionRoute).toBe('academic-recognition');
    expect(JSON.stringify(before.checks)).not.toContain(providerId);
    const provider = await api.token({ role: 'institution', id: providerId });
    expect(
      (await api.call('POST', `/credentials/${id}/confirm`, { token: provider, body: { version: 1 } })).status,
    ).toBe(200);
    expect((await check()).recognitionRoute).toBe('recognition-of-prior-learning');
  });
});

describe('a CSV import', () => {
  it('stores co-awarding bodies as claims too', async () => {
    const key = `co-${randomUUID().slice(0, 8)}`;
    const csv = [
      'key,title,learning_outcomes,ects,eqf_level,assessment,participation,quality_assurance,qa_responsible,stackability,awarding_bodies',
      `${key},Co-awarded by CSV,Explain consent,5,7,exam,online,external-esg,tuwien,stackable,luh|tuwien`,
      '',
    ].join('\n');
    const res = await api.call('POST', '/institutions/luh/credentials/import', {
      token: luh,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const id = res.body.credentials[0].id;
    const stored = await api.call('GET', `/credentials/${id}`);
    expect(stored.body).toMatchObject({ awardingBodies: ['luh', 'tuwien'], confirmedBy: [], countries: ['DE'] });
    expect(await exported(id, 'elm')).not.toContain('TU Wien');
  });
});
