import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { DEMO_COMPOSITION } from '../support/demo.js';

/* SPEC §4 POST /eligibility: every agreed programme (of an alliance), closest first by additional ECTS. */
let api: TestApi;

/** Eleven of the twelve credentials of a complete 3/2/2/3/2 joint master. */
const ELEVEN = DEMO_COMPOSITION.slice(1).map((credentialId) => ({ credentialId, issuedOn: '2026-02-01' }));

type Item = {
  programmeId: string;
  title: string;
  status: string;
  eligible: boolean;
  plan: { add: string[]; additionalEcts: number } | null;
};

const closest = async (body: Record<string, unknown>) => {
  const res = await api.call('POST', '/eligibility', { body: { asOf: '2026-11-01', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Item[]; notice: string; asOf: string };
};

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe('closest programmes', () => {
  it('ranks every agreed programme of the alliance closest first by additional ECTS', async () => {
    const answer = await closest({ achievements: ELEVEN, allianceId: 'demo' });
    expect(answer.items.map((i) => i.programmeId).sort()).toEqual([
      'demo-joint-master',
      'demo-micro-degree-data-science',
    ]);
    const costs = answer.items.map((i) => i.plan?.additionalEcts ?? Infinity);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(answer.items.find((i) => i.programmeId === 'demo-joint-master')).toMatchObject({
      status: 'agreed',
      eligible: false,
      plan: { additionalEcts: 5 },
    });
    expect(answer.notice).toMatch(/no automatic entitlement/);
  });

  it('gives each programme the plan its own eligibility answer gives', async () => {
    const answer = await closest({ achievements: ELEVEN.slice(0, 4), allianceId: 'demo' });
    for (const item of answer.items) {
      const own = await api.call('POST', `/programmes/${item.programmeId}/eligibility`, {
        body: { achievements: ELEVEN.slice(0, 4), asOf: '2026-11-01' },
      });
      expect(item.plan, item.programmeId).toEqual(own.body.plan);
      expect(item.eligible).toBe(own.body.eligible);
    }
  });

  it('puts a programme the learner already completes first', async () => {
    const micro = await api.call('GET', '/programmes/demo-micro-degree-data-science/versions/1');
    const modules: string[] = micro.body.rule.modules;
    const pathways = await api.call('POST', '/programmes/demo-micro-degree-data-science/pathways', {
      body: { limit: 1 },
    });
    const composition: string[] = pathways.body.pathways[0].credentials;
    expect(modules.length).toBeGreaterThan(0);
    const answer = await closest({
      achievements: composition.map((ref) => ({ credentialId: ref, issuedOn: '2026-01-10' })),
      allianceId: 'demo',
    });
    expect(answer.items[0]).toMatchObject({
      programmeId: 'demo-micro-degree-data-science',
      eligible: true,
      plan: { additionalEcts: 0 },
    });
  });

  it('leaves out programmes still under negotiation', async () => {
    const coordinator = await api.token({ role: 'coordinator', id: 'demo' });
    const proposed = await api.call('POST', '/alliances/demo/programmes', {
      token: coordinator,
      body: { rule: { title: 'Draft micro-degree', award: 'micro-degree', eqfLevel: 7, ects: { min: 10, max: 10 } } },
    });
    expect(proposed.status).toBe(201);
    const answer = await closest({ achievements: [], allianceId: 'demo' });
    expect(answer.items.map((i) => i.programmeId)).not.toContain(proposed.body.id);
  });

  it('answers across every alliance without allianceId', async () => {
    const answer = await closest({ achievements: ELEVEN });
    expect(answer.items.map((i) => i.programmeId)).toEqual(
      expect.arrayContaining(['demo-joint-master', 'demo-micro-degree-data-science']),
    );
    expect(answer.items.every((i) => i.status !== 'withdrawn')).toBe(true);
  });

  it('counts a pasted document this registry exported as its credential', async () => {
    const achievement = (await api.call('GET', '/credentials/luh-machine-learning/export?format=ob3')).body;
    const document = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:0b3c0000-0000-4000-8000-0000000000aa',
      type: ['VerifiableCredential', 'AchievementCredential'],
      issuer: { id: 'https://luh.example/issuers/1', type: ['Profile'], name: 'Leibniz Universität Hannover' },
      validFrom: '2026-03-02T10:00:00+01:00',
      credentialSubject: { type: ['AchievementSubject'], achievement },
    };
    const answer = await closest({ achievements: [...ELEVEN, { document }], allianceId: 'demo' });
    expect(answer.items.find((i) => i.programmeId === 'demo-joint-master')).toMatchObject({
      eligible: true,
      plan: { additionalEcts: 0 },
    });
  });

  it('refuses an unknown field, an unknown credential and an unknown alliance, naming each', async () => {
    const field = await api.call('POST', '/eligibility', {
      body: { achievements: [], programmeId: 'demo-joint-master' },
    });
    expect(field.status).toBe(400);
    expect(field.body.error.details[0].path).toBe('programmeId');
    const credential = await api.call('POST', '/eligibility', {
      body: { achievements: [{ credentialId: 'luh-nothing', issuedOn: '2026-01-01' }], allianceId: 'demo' },
    });
    expect(credential.status).toBe(400);
    expect(credential.body.error.details[0].path).toBe('achievements.0.credentialId');
    expect(
      (await api.call('POST', '/eligibility', { body: { achievements: [], allianceId: 'no-such-alliance' } })).status,
    ).toBe(404);
  });
});
