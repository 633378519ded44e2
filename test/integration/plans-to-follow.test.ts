import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { DEMO_COMPOSITION } from '../support/demo.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * SPEC §5, plans a student can follow, over HTTP on the seeded demo: a plan re-earns what no longer
 * counts for its age, adds a credential only with its prerequisites, and lets preferences choose
 * among equally cheap plans.
 */

let api: TestApi;
let luh: string;
let coordinator: string;

const COMPLETE = DEMO_COMPOSITION;

const register = async (over: Record<string, unknown>): Promise<string> => {
  const res = await api.call('POST', '/credentials', { token: luh, body: credentialDraft(over) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};

const propose = async (rule: Record<string, unknown>): Promise<string> => {
  const res = await api.call('POST', '/alliances/demo/programmes', {
    token: coordinator,
    body: { rule: { award: 'micro-degree', eqfLevel: 7, components: { eqfMin: 7 }, ...rule } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};

const eligibility = async (programmeId: string, body: Record<string, unknown>) => {
  const res = await api.call('POST', `/programmes/${programmeId}/eligibility`, { body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    eligible: boolean;
    plan: { add: string[]; additionalEcts: number; optimal: boolean } | null;
    counted: string[];
  };
};

beforeAll(async () => {
  api = await startApi();
  luh = await api.token({ role: 'institution', id: 'luh' });
  coordinator = await api.token({ role: 'coordinator', id: 'demo' });
});
afterAll(() => api.stop());

describe('plans a student can follow', () => {
  it('re-earns credentials too old to count instead of answering that no plan exists', async () => {
    const id = await propose({
      title: 'Recent joint master',
      award: 'joint-master',
      ects: { min: 60, max: 60 },
      components: { eqfMin: 7, maxAgeYears: 2 },
      institutions: [
        { id: 'luh', minCount: 3, maxCount: 3 },
        { id: 'lut', minCount: 2, maxCount: 2 },
        { id: 'but', minCount: 2, maxCount: 2 },
        { id: 'tuwien', minCount: 3, maxCount: 3 },
        { id: 'upm', minCount: 2, maxCount: 2 },
      ],
    });
    const answer = await eligibility(id, {
      achievements: COMPLETE.map((credentialId) => ({ credentialId, issuedOn: '2020-01-15' })),
      asOf: '2026-06-01',
    });
    expect(answer.eligible).toBe(false);
    expect(answer.counted).toEqual([]);
    expect(answer.plan).toMatchObject({ additionalEcts: 60, optimal: true });
    // Four seeded offerings per institution at most remain besides what is held: some must be retaken.
    expect(answer.plan?.add.filter((c) => COMPLETE.includes(c)).length).toBeGreaterThan(0);
  });

  it('adds a credential only with its prerequisite, even where that costs more', async () => {
    const basic = await register({ title: 'Prerequisite basics', subjectArea: '0541' });
    const advanced = await register({ title: 'Advanced topic', subjectArea: '0542', prerequisites: [basic] });
    const id = await propose({
      title: 'Advanced micro-degree',
      ects: { min: 10, max: 10 },
      requirements: [{ id: 'advanced', title: 'The advanced topic', from: { credentials: [advanced] }, minCount: 1 }],
    });
    // Held machine learning plus the advanced topic would make 10 ECTS, but the advanced topic needs
    // its prerequisite: the plan drops nothing held yet must take both new credentials.
    const answer = await eligibility(id, {
      achievements: [{ credentialId: 'luh-machine-learning', issuedOn: '2026-01-10' }],
      asOf: '2026-06-01',
    });
    expect(answer.plan).toMatchObject({ additionalEcts: 10, optimal: true });
    expect([...(answer.plan?.add ?? [])].sort()).toEqual([advanced, basic].sort());
    // Held, the prerequisite is met: the plan is the advanced topic alone.
    const holding = await eligibility(id, {
      achievements: [{ credentialId: basic, issuedOn: '2026-01-10' }],
      asOf: '2026-06-01',
    });
    expect(holding.plan).toMatchObject({ add: [advanced], additionalEcts: 5 });
  });

  it('breaks a tie between equally cheap plans by the preferred participation and language', async () => {
    const online = await register({ title: 'Tie online', participation: 'online', language: ['en'] });
    const onsite = await register({ title: 'Tie onsite', participation: 'onsite', language: ['de'] });
    const id = await propose({
      title: 'Either micro-degree',
      ects: { min: 5, max: 5 },
      requirements: [{ id: 'either', title: 'One of two', from: { credentials: [online, onsite] }, minCount: 1 }],
    });
    const plan = async (preferences: Record<string, unknown>) =>
      (await eligibility(id, { achievements: [], asOf: '2026-06-01', preferences })).plan?.add;
    expect(await plan({ participation: ['onsite'] })).toEqual([onsite]);
    expect(await plan({ participation: ['online'] })).toEqual([online]);
    expect(await plan({ languages: ['de-AT'] })).toEqual([onsite]);
    const bad = await api.call('POST', `/programmes/${id}/eligibility`, {
      body: { achievements: [], preferences: { participation: ['by-post'] } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('preferences.participation');
  });
});
