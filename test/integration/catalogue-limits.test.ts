import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * The catalogue stays writable and readable at the schema's bounds: a credential of 50 long
 * learning outcomes and 40 skills is stored (facet entries carry a projection, not the whole
 * credential), and a filter that matches nothing reads a bounded part of a partition per request.
 */
let api: TestApi;
let luh: string;

const skill = (i: number) =>
  `http://data.europa.eu/esco/skill/${randomUUID().slice(0, 8)}-${String(i).padStart(4, '0')}`;

beforeAll(async () => {
  api = await startApi({ seed: false });
  const operator = await api.token({ role: 'operator' });
  await api.call('POST', '/institutions', {
    token: operator,
    body: { id: 'luh', name: 'Leibniz Universität Hannover', country: 'DE', kind: 'hei' },
  });
  luh = await api.token({ role: 'institution', id: 'luh' });
});
afterAll(() => api.stop());

describe("a credential at the schema's bounds", () => {
  it('is registered, found by a skill with every learning outcome, updated and retired', async () => {
    const skills = Array.from({ length: 40 }, (_, i) => skill(i));
    const learningOutcomes = Array.from({ length: 50 }, (_, i) =>
      `Outcome ${i}: ${'analyse and explain '.repeat(99)}`.slice(0, 2000),
    );
    const draft = credentialDraft({ title: 'Very large credential', learningOutcomes, skills, subjectArea: '0613' });
    expect(JSON.stringify(draft).length).toBeGreaterThan(100_000);
    const created = await api.call('POST', '/credentials', { token: luh, body: draft });
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const bySkill = await api.call('GET', `/credentials?skill=${encodeURIComponent(skills[39] ?? '')}`);
    expect(bySkill.body.items).toHaveLength(1);
    expect(bySkill.body.items[0].learningOutcomes).toHaveLength(50);
    const bySubject = await api.call('GET', '/credentials?subjectArea=06&eqfLevel=7');
    expect(bySubject.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const updated = await api.call('PUT', `/credentials/${created.body.id}`, {
      token: luh,
      headers: { 'if-match': '1' },
      body: { ...draft, skills: skills.slice(1) },
    });
    expect(updated.status).toBe(200);
    expect((await api.call('GET', `/credentials?skill=${encodeURIComponent(skills[0] ?? '')}`)).body.items).toEqual([]);
    expect((await api.call('POST', `/credentials/${created.body.id}/retire`, { token: luh })).status).toBe(200);
    expect((await api.call('GET', `/credentials?skill=${encodeURIComponent(skills[39] ?? '')}`)).body.items).toEqual(
      [],
    );
  });
});

describe('a catalogue filter that matches nothing', () => {
  it('answers a short page with a cursor instead of reading the whole partition, and the cursor reads on', async () => {
    const rows = Array.from(
      { length: 1050 },
      (_, i) => `k${i},Filler ${i},Explain filler,5,7,exam,online,external-esg,stackable`,
    );
    const csv = [
      'key,title,learning_outcomes,ects,eqf_level,assessment,participation,quality_assurance,stackability',
      ...rows,
      '',
    ].join('\n');
    const imported = await api.call('POST', '/institutions/luh/credentials/import', {
      token: luh,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBe(1050);
    const first = await api.call('GET', '/credentials?q=nowhere-to-be-found');
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([]);
    expect(first.body.cursor).toEqual(expect.any(String));
    const next = await api.call(
      'GET',
      `/credentials?q=nowhere-to-be-found&cursor=${encodeURIComponent(first.body.cursor)}`,
    );
    expect(next.body).toEqual({ items: [] });
  });
});
