import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';

const SAMPLE = readFileSync(new URL('../../docs/sample-credentials.csv', import.meta.url), 'utf8');

describe('CSV import of credentials', () => {
  let api: TestApi;
  let luh: string;
  const importCsv = (csv: string, token = luh, query = '') =>
    api.call('POST', `/institutions/luh/credentials/import${query}`, {
      raw: csv,
      token,
      headers: { 'content-type': 'text/csv' },
    });

  beforeAll(async () => {
    api = await startApi();
    luh = await api.token({ role: 'institution', id: 'luh' });
  });
  afterAll(() => api.stop());

  it('writes the good rows and reports each problem of a bad row by row and column', async () => {
    const answer = await importCsv(SAMPLE);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rows: 5, created: 4, updated: 0, unchanged: 0, rejected: 1 });
    expect(answer.body.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`).sort()).toEqual([
      '6:assessment',
      '6:ects',
      '6:eqf_level',
      '6:subject_area',
      '6:title',
    ]);
    const stored = await api.call('GET', '/credentials/luh--energy-markets');
    expect(stored.body).toMatchObject({
      title: 'Energy Markets, Trading and Regulation',
      ects: 5,
      awardingBodies: ['luh'],
      version: 1,
    });
  });

  it('writes nothing new when the same file is imported again', async () => {
    const answer = await importCsv(SAMPLE);
    expect(answer.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 1 });
    expect((await api.call('GET', '/credentials/luh--deep-learning')).body.version).toBe(1);
  });

  it('publishes the next version of a credential whose row changed', async () => {
    const changed = SAMPLE.replace(
      'Scientific Writing,Write a structured research paper,2,55',
      'Scientific Writing,Write a structured research paper,3,80',
    );
    const answer = await importCsv(changed);
    expect(answer.body).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect((await api.call('GET', '/credentials/luh--research-writing')).body).toMatchObject({ version: 2, ects: 3 });
  });

  it('numbers rows from firstRow, so a file sent in parts keeps its row numbers', async () => {
    const [header, , , , , bad] = SAMPLE.trim().split('\n');
    const answer = await importCsv(`${header}\n${bad}\n`, luh, '?firstRow=1201');
    expect(new Set(answer.body.problems.map((p: { row: number }) => p.row))).toEqual(new Set([1201]));
  });

  it('names a repeated key and an unknown column', async () => {
    const [header, first] = SAMPLE.trim().split('\n');
    const answer = await importCsv(`${header},colour\n${first},blue\n${first},red\n`);
    expect(answer.body.problems).toEqual(
      expect.arrayContaining([
        { row: 1, column: 'colour', message: expect.stringContaining('unknown column') },
        { row: 3, column: 'key', message: 'key repeats row 2' },
      ]),
    );
  });

  it('refuses another institution, and a body that is not CSV', async () => {
    const tuwien = await api.token({ role: 'institution', id: 'tuwien' });
    expect((await importCsv(SAMPLE, tuwien)).status).toBe(403);
    const json = await api.call('POST', '/institutions/luh/credentials/import', { body: { rows: [] }, token: luh });
    expect(json.status).toBe(415);
    expect((await importCsv('title,ects\nA,5\n')).body.error.details).toEqual(
      expect.arrayContaining([{ path: '(column) key', message: 'required column "key" is missing' }]),
    );
  });
});
