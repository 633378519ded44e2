import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialDraft } from '../support/drafts.js';
import { schemaErrors, validators } from '../support/official-schemas.js';
import { startApi, type TestApi } from '../support/api.js';

/* SPEC §3 `titles`: the title in other languages, searched by `q`, exported, imported from CSV. */
let api: TestApi;
let luh: string;
let ethicsId: string;

const importCsv = (csv: string) =>
  api.call('POST', '/institutions/luh/credentials/import', {
    raw: csv,
    token: luh,
    headers: { 'content-type': 'text/csv' },
  });

beforeAll(async () => {
  api = await startApi();
  luh = await api.token({ role: 'institution', id: 'luh' });
  const created = await api.call('POST', '/credentials', {
    token: luh,
    body: credentialDraft({
      title: 'Responsible Robotics',
      language: ['en'],
      titles: { de: 'Ethik der autonomen Systeme', es: 'Robótica responsable', 'de-AT': 'Ethik autonomer Systeme' },
    }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  ethicsId = created.body.id;
});
afterAll(() => api.stop());

describe('titles in several languages', () => {
  it('stores and returns the titles by language', async () => {
    const res = await api.call('GET', `/credentials/${ethicsId}`);
    expect(res.body.titles).toEqual({
      de: 'Ethik der autonomen Systeme',
      es: 'Robótica responsable',
      'de-AT': 'Ethik autonomer Systeme',
    });
  });

  it('finds a credential by a word of its German title', async () => {
    const res = await api.call('GET', '/credentials?q=Ethik&limit=100');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toContain(ethicsId);
  });

  it('finds a credential by its Spanish title without the accent, and within an institution', async () => {
    const res = await api.call('GET', '/credentials?q=robotica%20responsable&institution=luh&limit=100');
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([ethicsId]);
  });

  it('exports the titles as an ELM language map the official schema accepts', async () => {
    const res = await api.call('GET', `/credentials/${ethicsId}/export?format=elm`);
    expect(res.body.title).toEqual({
      en: 'Responsible Robotics',
      de: 'Ethik der autonomen Systeme',
      es: 'Robótica responsable',
    });
    expect(schemaErrors(validators.elmSpecification, res.body)).toEqual([]);
  });

  it('refuses a title under something that is not a language tag, naming the field', async () => {
    const res = await api.call('POST', '/credentials', {
      token: luh,
      body: credentialDraft({ titles: { 'not a tag': 'x' } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toMatch(/^titles/);
  });

  it('refuses an empty title in another language', async () => {
    const res = await api.call('POST', '/credentials', { token: luh, body: credentialDraft({ titles: { fr: '  ' } }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('titles.fr');
  });
});

describe('CSV import: title_<language> columns, semicolons and decimal commas', () => {
  const HEADER =
    'key;title;title_de;title_de-at;learning_outcomes;ects;workload_hours;eqf_level;assessment;participation;quality_assurance;stackability';

  it('reads a semicolon file with a decimal comma and titles in other languages', async () => {
    const csv = `${HEADER}\nethics-lab;Ethics Lab;Ethiklabor;Ethik-Labor;Argue a case|Weigh risks;2,5;67,5;7;project;onsite;external-esg;stackable\n`;
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body, JSON.stringify(res.body.problems)).toMatchObject({ created: 1, rejected: 0 });
    const stored = await api.call('GET', '/credentials/luh--ethics-lab');
    expect(stored.body).toMatchObject({
      ects: 2.5,
      workloadHours: 67.5,
      titles: { de: 'Ethiklabor', 'de-AT': 'Ethik-Labor' },
    });
    const found = await api.call('GET', '/credentials?q=ethiklabor&institution=luh');
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual(['luh--ethics-lab']);
  });

  it('names a title column whose language is not a tag', async () => {
    const csv = `${HEADER.replace('title_de-at', 'title_german')}\nethics-two;Ethics Two;Ethik Zwei;Ethik II;Argue;5;150;7;project;onsite;external-esg;stackable\n`;
    const res = await importCsv(csv);
    expect(res.body.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 1, column: 'title_german' })]),
    );
  });

  it('keeps reading a comma in a comma-separated file as text, naming the column', async () => {
    const csv =
      'key,title,learning_outcomes,ects,eqf_level,assessment,participation,quality_assurance,stackability\n' +
      'ethics-three,Ethics Three,Argue,"2,5",7,project,onsite,external-esg,stackable\n';
    const res = await importCsv(csv);
    expect(res.body.rejected).toBe(1);
    expect(res.body.problems[0]).toMatchObject({ row: 2, column: 'ects' });
  });
});

describe('the seeded catalogue', () => {
  it('finds the demo alliance’s AI ethics module by its German title', async () => {
    const res = await api.call('GET', '/credentials?q=Ethik');
    expect(res.body.items.map((c: { id: string }) => c.id)).toContain('upm-ai-ethics');
  });
});
