import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';

/*
 * A CSV header is bounded (64 columns) and its problems are listed once; a file of many bad rows
 * answers a bounded list of problems. Both import routes refuse an over-wide header with one 400.
 */
let api: TestApi;
let luh: string;

const HEADER = 'key,title,learning_outcomes,ects,eqf_level,assessment,participation,quality_assurance,stackability';
const csv = (lines: string[]) => ({ raw: [...lines, ''].join('\n'), headers: { 'content-type': 'text/csv' } });

beforeAll(async () => {
  api = await startApi();
  luh = await api.token({ role: 'institution', id: 'luh' });
});
afterAll(() => api.stop());

describe('a header of 10,000 unknown columns', () => {
  const wide = Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(',');

  it('is refused by the synchronous import with one short problem', async () => {
    for (const header of [`${HEADER},${wide}`, wide]) {
      const res = await api.call('POST', '/institutions/luh/credentials/import', {
        token: luh,
        ...csv([header, 'a,b']),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: '(header)', message: expect.stringContaining('at most 64') }]);
      expect(JSON.stringify(res.body).length).toBeLessThan(2_000);
    }
  });

  it('is refused by an import job before anything is stored', async () => {
    const res = await api.call('POST', '/institutions/luh/imports', {
      token: luh,
      ...csv([`${HEADER},${wide}`, 'k1,T,O,5,7,exam,online,external-esg,stackable']),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('(header)');
  });
});

describe('a few unknown columns', () => {
  it('are each named, and the valid columns listed once', async () => {
    const res = await api.call('POST', '/institutions/luh/credentials/import', {
      token: luh,
      ...csv([`${HEADER},colour,size,weight`, 'ok-1,Fine,Explain,5,7,exam,online,external-esg,stackable,red,L,3']),
    });
    expect(res.status).toBe(200);
    const header = res.body.problems.filter((p: { row: number }) => p.row === 1);
    expect(header.map((p: { column: string }) => p.column)).toEqual(['colour', 'size', 'weight', '(header)']);
    expect(JSON.stringify(res.body).match(/learning_outcomes/g)).toHaveLength(1);
  });
});

describe('a file of many bad rows', () => {
  it('lists the first 1,000 problems and counts the rest', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `bad-${i},T,O,many,7,exam,online,external-esg,stackable`);
    const res = await api.call('POST', '/institutions/luh/credentials/import', {
      token: luh,
      ...csv([HEADER, ...rows]),
    });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toBe(1500);
    expect(res.body.problems).toHaveLength(1000);
    expect(res.body.problemsOmitted).toBe(500);
  });
});
