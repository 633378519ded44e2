import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftOf } from '../../shared/schemas/credential.js';
import { startApi, type TestApi } from '../support/api.js';
import { DEMO_COMPOSITION } from '../support/demo.js';

let api: TestApi;

/** A complete 3/2/2/3/2 composition of the seeded catalogue that also completes the nested micro-degree. */
const COMPLETE = DEMO_COMPOSITION;

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe('stackability', () => {
  it('accepts the twelve-credential joint master with its allocation', async () => {
    const res = await api.call('POST', '/programmes/demo-joint-master/stackability', {
      body: { credentials: COMPLETE },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      valid: true,
      extendable: true,
      totalEcts: 60,
      violations: [],
      ruleVersion: 1,
      agreed: true,
    });
    expect(res.body.allocation.programmes['demo-micro-degree-data-science']).toHaveLength(3);
  });

  it('names the violated clause when an institution is short', async () => {
    const res = await api.call('POST', '/programmes/demo-joint-master/stackability', {
      body: { credentials: COMPLETE.slice(1) },
    });
    expect(res.body).toMatchObject({ valid: false, extendable: true });
    expect(res.body.violations.map((v: { rule: string }) => v.rule)).toContain('institutions.luh.minCount');
  });

  it('answers an unknown credential with 400 naming its place', async () => {
    const res = await api.call('POST', '/programmes/demo-joint-master/stackability', {
      body: { credentials: ['luh-nothing'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('credentials.0');
  });

  it('reads an older version or a retired credential from the registry, the latest published one from the catalogue', async () => {
    const luh = await api.token({ role: 'institution', id: 'luh' });
    const base = (await api.call('GET', '/credentials/luh-optimisation')).body;
    const draft = draftOf(base);
    const created = await api.call('POST', '/credentials', {
      token: luh,
      body: { ...draft, title: 'Optimisation (versioned)' },
    });
    const id = created.body.id as string;
    expect(
      (
        await api.call('PUT', `/credentials/${id}`, {
          token: luh,
          body: { ...draft, title: 'Optimisation (versioned)', ects: 6 },
          headers: { 'if-match': '1' },
        })
      ).status,
    ).toBe(200);
    const whyNot = async (ref: string) => {
      const res = await api.call('POST', '/programmes/demo-joint-master/stackability', {
        body: { credentials: [ref] },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.violations[0]?.rule as string;
    };
    // The joint master counts 5 ECTS components only: version 2 (6 ECTS) fails that filter; version 1
    // passes it and is refused only because the agreed modules do not list it (SPEC §5).
    expect(await whyNot(id)).toBe('components.ectsMax');
    expect(await whyNot(`${id}@1`)).toBe('modules');
    expect((await api.call('POST', `/credentials/${id}/retire`, { token: luh })).status).toBe(200);
    const retired = await api.call('POST', '/programmes/demo-joint-master/stackability', {
      body: { credentials: [id] },
    });
    expect(retired.status).toBe(200);
    expect(retired.body.violations.length).toBeGreaterThan(0);
  });

  it('answers an unknown programme with 404', async () => {
    const res = await api.call('POST', '/programmes/no-such-programme/stackability', { body: { credentials: [] } });
    expect(res.status).toBe(404);
  });
});

describe('eligibility', () => {
  it('plans the cheapest completion exactly and says who decides', async () => {
    const held = COMPLETE.slice(0, 10).map((credentialId) => ({ credentialId, issuedOn: '2026-03-01' }));
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: held, asOf: '2026-11-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body.eligible).toBe(false);
    expect(res.body.plan).toMatchObject({ additionalEcts: 10 });
    expect(res.body.plan.add).toHaveLength(2);
    expect(res.body.plan.add.every((id: string) => id.startsWith('upm-'))).toBe(true);
    expect(res.body.missing.map((m: { message: string }) => m.message).join(' ')).toMatch(
      /from Universidad Politécnica de Madrid \(10 ECTS\)/,
    );
    expect(res.body.notice).toMatch(/awarding institutions/);
  });

  /** A new published credential of LUH's, a copy of its Optimisation under another title. */
  const copyOfLuhOptimisation = async (title: string) => {
    const luh = await api.token({ role: 'institution', id: 'luh' });
    const draft = draftOf((await api.call('GET', '/credentials/luh-optimisation')).body);
    const created = await api.call('POST', '/credentials', { token: luh, body: { ...draft, title } });
    return { luh, id: created.body.id as string };
  };

  it('resolves a held credential outside the published catalogue, and still refuses an unknown one', async () => {
    const { luh, id: retired } = await copyOfLuhOptimisation('Optimisation (held, then retired)');
    expect((await api.call('POST', `/credentials/${retired}/retire`, { token: luh })).status).toBe(200);
    const held = [...COMPLETE.slice(0, 10), retired].map((credentialId) => ({ credentialId, issuedOn: '2026-03-01' }));
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: held, asOf: '2026-11-01' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counted).not.toContain(`${retired}@1`);
    expect(res.body.plan).toMatchObject({ additionalEcts: 10 });
    const unknown = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: [...held, { credentialId: 'luh-nothing', issuedOn: '2026-03-01' }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe(`achievements.${held.length}.credentialId`);
  });

  it('resolves a held credential retired after the last answer found it published', async () => {
    const { luh, id } = await copyOfLuhOptimisation('Optimisation (retired between two answers)');
    const held = [...COMPLETE.slice(0, 10), id].map((credentialId) => ({ credentialId, issuedOn: '2026-03-01' }));
    const ask = () =>
      api.call('POST', '/programmes/demo-joint-master/eligibility', {
        body: { achievements: held, asOf: '2026-11-01' },
      });
    expect((await ask()).status).toBe(200);
    // The programme's last answer saw it published, so the next request skips reading its head.
    expect((await api.call('POST', `/credentials/${id}/retire`, { token: luh })).status).toBe(200);
    const res = await ask();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.counted).not.toContain(`${id}@1`);
  });

  it('is eligible with every credential held, and adds nothing', async () => {
    const held = COMPLETE.map((credentialId) => ({ credentialId, issuedOn: '2026-03-01' }));
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', { body: { achievements: held } });
    expect(res.body).toMatchObject({ eligible: true, missing: [], plan: { add: [], additionalEcts: 0 } });
  });

  it('imports a Europass credential as an unverified external achievement that this rule does not count', async () => {
    const document = JSON.parse(
      readFileSync(new URL('../../../shared/schemas/elm/example-microcredential.json', import.meta.url), 'utf8'),
    );
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: [{ document }, { credentialId: 'luh-machine-learning', issuedOn: '2026-01-01' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.imported[0]).toMatchObject({ achievement: 0, format: 'elm', verified: false });
    expect(res.body.counted).not.toContain('external:0');
  });

  it('counts an imported OB3 AchievementCredential within externalMaxEcts, unverified', async () => {
    const coordinator = await api.token({ role: 'coordinator', id: 'demo' });
    const rule = {
      title: 'Micro-degree open to external credits',
      award: 'micro-degree',
      eqfLevel: 7,
      ects: { min: 10, max: 10 },
      externalMaxEcts: 5,
      components: { eqfMin: 7 },
    };
    const proposed = await api.call('POST', '/alliances/demo/programmes', { token: coordinator, body: { rule } });
    expect(proposed.status).toBe(201);
    // Another platform's achievement (its own id): only this registry's exports are matched back (SPEC §3).
    const exported = (await api.call('GET', '/credentials/upm-water-engineering/export?format=ob3')).body;
    const achievement = { ...exported, id: 'https://badges.example.es/achievements/water-engineering' };
    const document = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:1b7c0e52-0000-4000-8000-000000000042',
      type: ['VerifiableCredential', 'AchievementCredential'],
      issuer: {
        id: 'https://badges.example.es/issuers/upm',
        type: ['Profile'],
        name: 'Universidad Politécnica de Madrid',
        address: { type: ['Address'], addressCountryCode: 'ES' },
      },
      validFrom: '2026-02-14T09:00:00Z',
      credentialSubject: { type: ['AchievementSubject'], achievement },
    };
    const res = await api.call('POST', `/programmes/${proposed.body.id}/eligibility`, {
      body: { achievements: [{ document }], asOf: '2026-11-01', version: 1 },
    });
    expect(res.status).toBe(200);
    expect(res.body.imported[0]).toMatchObject({ format: 'ob3', verified: false });
    expect(res.body.counted).toEqual(['external:0']);
    expect(res.body.plan).toMatchObject({ additionalEcts: 5 });
  });

  it('rejects a malformed achievement with 400 naming the field', async () => {
    const res = await api.call('POST', '/programmes/demo-joint-master/eligibility', {
      body: { achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2026-13-01' }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toMatch(/^achievements\.0/);
  });
});

describe('pathways', () => {
  it('counts compositions as a decimal string and pages through them without repeats', async () => {
    const first = await api.call('POST', '/programmes/demo-micro-degree-data-science/pathways', { body: { limit: 5 } });
    expect(first.status).toBe(200);
    expect(first.body.total).toMatch(/^[0-9]+$/);
    expect(first.body.pathways).toHaveLength(5);
    const second = await api.call('POST', '/programmes/demo-micro-degree-data-science/pathways', {
      body: { limit: 5, cursor: first.body.cursor },
    });
    const ids = [...first.body.pathways, ...second.body.pathways].map((p: { credentials: string[] }) =>
      p.credentials.join(','),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of first.body.pathways) expect(p.totalEcts).toBe(15);
  });

  it('counts the seeded joint master exactly, nested micro-degree included', async () => {
    // By hand: 10·10·10·10·10 = 100,000 sets meet the 3/2/2/3/2 quotas. The micro-degree needs one
    // credential each from LUH, LUT and TU Wien, two of them in ISCED 061*: with P(LUH pick has one)
    // = 9/10, P(LUT) = 4/10, P(TU Wien) = 6/10, P(at least two) = .36 + .54 + .24 − 2·.216 = .708.
    const res = await api.call('POST', '/programmes/demo-joint-master/pathways', { body: { limit: 1 } });
    expect(res.body).toMatchObject({ total: '70800', exact: true });
    const micro = await api.call('POST', '/programmes/demo-micro-degree-data-science/pathways', { body: { limit: 1 } });
    expect(micro.body).toMatchObject({ total: '21', exact: true });
  });

  it('keeps included credentials in and excluded ones out', async () => {
    const res = await api.call('POST', '/programmes/demo-micro-degree-data-science/pathways', {
      body: { include: ['luh-machine-learning'], exclude: ['lut-computer-vision'], limit: 100 },
    });
    expect(res.body.pathways.length).toBeGreaterThan(0);
    for (const p of res.body.pathways) {
      expect(p.credentials).toContain('luh-machine-learning');
      expect(p.credentials).not.toContain('lut-computer-vision');
    }
  });

  it('answers a forged cursor with 400', async () => {
    const res = await api.call('POST', '/programmes/demo-joint-master/pathways', { body: { cursor: 'not-a-cursor' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('cursor');
  });
});

describe('exports and recognition', () => {
  it('exports a credential as an OB3 Achievement and as an ELM specification', async () => {
    const ob3 = await api.call('GET', '/credentials/luh-machine-learning/export?format=ob3');
    expect(ob3.status).toBe(200);
    expect(ob3.body).toMatchObject({ type: ['Achievement'], achievementType: 'MicroCredential', creditsAvailable: 5 });
    const elm = await api.call('GET', '/credentials/luh-machine-learning@1/export?format=elm');
    expect(elm.status).toBe(200);
    expect(elm.body.type).toBe('LearningAchievementSpecification');
    expect(elm.headers.get('link')).toContain('json-ld#context');
    const bad = await api.call('GET', '/credentials/luh-machine-learning/export?format=pdf');
    expect(bad.status).toBe(400);
  });

  it('exports the agreed joint master with its component credentials as parts', async () => {
    const elm = await api.call('GET', '/programmes/demo-joint-master/export?format=elm');
    expect(elm.status).toBe(200);
    expect(elm.body.hasPart.length).toBe(25);
    const ob3 = await api.call('GET', '/programmes/demo-joint-master/export?format=ob3');
    expect(ob3.body.related.length).toBe(25);
  });

  it('checks a registry credential against the joint master element by element', async () => {
    const res = await api.call('POST', '/interoperability', {
      body: { credential: 'lut-software-business', target: { programmeId: 'demo-joint-master' }, asOf: '2026-11-01' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ compatible: 'yes', recognitionRoute: 'academic-recognition' });
    const elements = res.body.checks.map((c: { element: string }) => c.element);
    expect(elements).toEqual(
      expect.arrayContaining([
        'title',
        'learningOutcomes',
        'workload',
        'level',
        'assessment',
        'participation',
        'qualityAssurance',
      ]),
    );
  });

  it('routes a provider credential to recognition of prior learning', async () => {
    const res = await api.call('POST', '/interoperability', {
      body: {
        credential: {
          external: {
            title: 'Cloud Practitioner',
            issuer: 'Cloud Academy GmbH',
            issuerKind: 'provider',
            country: 'DE',
            ects: 3,
            eqfLevel: 5,
            qualityAssurance: 'non-academic-certification',
            issuedOn: '2025-06-01',
          },
        },
        target: { institutionId: 'luh' },
      },
    });
    expect(res.body.recognitionRoute).toBe('recognition-of-prior-learning');
    expect(res.body.compatible).not.toBe('yes');
  });

  it('summarises the completeness of each member’s credentials', async () => {
    const res = await api.call('GET', '/alliances/demo/interoperability');
    expect(res.status).toBe(200);
    expect(res.body.members).toHaveLength(5);
    expect(res.body.members.every((m: { credentials: number }) => m.credentials >= 5)).toBe(true);
  });
});
