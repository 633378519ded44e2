import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edcCredential } from '../support/demo.js';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * SPEC §4: request bodies and query strings are strict, an unknown field or parameter is a 400
 * naming it. SPEC §5: an achievement issued after asOf does not count; an answer about a withdrawn
 * programme says so; a document that states no level is not judged at a level it never stated.
 */
let api: TestApi;
let luh: string;
let operator: string;
let coordinator: string;

const paths = (res: { body: { error?: { details?: { path: string }[] } } }) =>
  (res.body.error?.details ?? []).map((d) => d.path);

beforeAll(async () => {
  api = await startApi();
  luh = await api.token({ role: 'institution', id: 'luh' });
  operator = await api.token({ role: 'operator' });
  coordinator = await api.token({ role: 'coordinator', id: 'demo' });
});
afterAll(() => api.stop());

describe('strict request bodies', () => {
  it('refuses a credential with an unknown field, naming it, and stores nothing', async () => {
    const title = `Strict ${randomUUID().slice(0, 8)}`;
    const res = await api.call('POST', '/credentials', {
      token: luh,
      body: credentialDraft({ title, validUntil: '2030-01-01' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(res)).toEqual(['validUntil']);
    const listed = await api.call('GET', `/credentials?institution=luh&q=${encodeURIComponent(title)}`);
    expect(listed.body.items).toEqual([]);
  });

  it('refuses an institution and an alliance with an unknown field', async () => {
    const institution = await api.call('POST', '/institutions', {
      token: operator,
      body: {
        id: `s-${randomUUID().slice(0, 8)}`,
        name: 'Strict U',
        country: 'DE',
        kind: 'hei',
        website: 'https://x.example',
      },
    });
    expect(institution.status).toBe(400);
    expect(paths(institution)).toEqual(['website']);
    const alliance = await api.call('POST', '/alliances', {
      token: operator,
      body: { id: `s-${randomUUID().slice(0, 8)}`, name: 'Strict A', members: [], invited: ['luh'] },
    });
    expect(alliance.status).toBe(400);
    expect(paths(alliance)).toEqual(['invited']);
  });

  it('refuses an unknown field of an external achievement', async () => {
    const external = {
      title: 'Outside',
      issuer: 'Elsewhere',
      country: 'DE',
      ects: 5,
      eqfLevel: 7,
      qualityAssurance: 'internal',
      issuedOn: '2025-01-01',
      verifiedBy: 'me',
    };
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: [{ external }] },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('verifiedBy');
  });

  it('refuses a body sent to a route that takes none, naming its fields', async () => {
    const created = await api.call('POST', '/credentials', {
      token: luh,
      body: credentialDraft({ title: `Body ${randomUUID().slice(0, 8)}` }),
    });
    const res = await api.call('POST', `/credentials/${created.body.id}/retire`, {
      token: luh,
      body: { reason: 'outdated' },
    });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['reason']);
    expect((await api.call('GET', `/credentials/${created.body.id}`)).body.status).toBe('published');
  });
});

describe('strict query strings', () => {
  it('refuses a catalogue filter the contract does not define, naming it', async () => {
    const res = await api.call('GET', '/credentials?participation=online');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(res)).toEqual(['query.participation']);
  });

  it('refuses a parameter on a route that takes none', async () => {
    const res = await api.call('GET', '/credentials/luh-machine-learning?expand=versions');
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['query.expand']);
  });

  it('still answers the parameters the contract defines', async () => {
    const res = await api.call('GET', '/credentials?institution=luh&eqfLevel=7&limit=2');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
  });
});

describe('what an eligibility answer counts', () => {
  it('does not count an achievement issued after asOf, and says why', async () => {
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2026-06-01' }], asOf: '2026-01-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body.counted).toEqual([]);
    expect(res.body.notCounted).toEqual([
      expect.objectContaining({
        key: 'luh-machine-learning@1',
        message: expect.stringContaining('after asOf 2026-01-01'),
      }),
    ]);
  });

  it('counts the same achievement on its day of issue', async () => {
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2026-01-01' }], asOf: '2026-01-01' },
    });
    expect(res.body.counted).toEqual(['luh-machine-learning@1']);
    expect(res.body.notCounted).toBeUndefined();
  });

  it('says a withdrawn programme is withdrawn, not agreed, and offers no plan', async () => {
    const rule = (await api.call('GET', '/programmes/demo-micro-degree-data-science/versions/1')).body.rule;
    const proposed = await api.call('POST', '/alliances/demo/programmes', {
      token: coordinator,
      body: { rule: { ...rule, title: `Withdrawn ${randomUUID().slice(0, 8)}` } },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    for (const member of ['luh', 'lut', 'but', 'tuwien', 'upm']) {
      const token = await api.token({ role: 'institution', id: member });
      await api.call('POST', `/programmes/${proposed.body.id}/approvals`, {
        token,
        body: { version: 1, contentHash: proposed.body.contentHash },
      });
    }
    expect((await api.call('GET', `/programmes/${proposed.body.id}`)).body.status).toBe('agreed');
    const withdrawn = await api.call('POST', `/programmes/${proposed.body.id}/withdraw`, {
      token: coordinator,
      body: { reason: 'replaced' },
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    const res = await api.call('POST', `/programmes/${proposed.body.id}/eligibility`, {
      body: { achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2025-06-01' }], asOf: '2026-01-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', agreed: false, eligible: false, plan: null });
    expect(res.body.missing[0]).toMatchObject({ rule: 'status' });
  });

  it('never reports an ELM credential that states no level as being at EQF 1', async () => {
    const specification = (await api.call('GET', '/credentials/luh-machine-learning/export?format=elm')).body;
    const { educationLevel: _level, eqfLevel: _eqf, ...unlevelled } = specification;
    const document = edcCredential(
      { ...unlevelled, id: 'urn:spec:elsewhere-1' },
      {
        id: 'urn:credential:edc-no-level',
        issued: '2025-03-01T12:00:00+01:00',
        issuer: { id: 'urn:epass:org:elsewhere', name: 'Elsewhere University' },
      },
    );
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: [{ document }], asOf: '2026-01-01' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.imported[0].missing).toContain('level');
    expect(JSON.stringify(res.body.missing)).not.toMatch(/EQF 1\b/);
    expect(res.body.notCounted).toEqual([
      expect.objectContaining({ message: expect.stringContaining('states no EQF level') }),
    ]);
  });
});
