import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';

/*
 * CSV rows name their credential `<institution>--<key>`: unambiguous, so one institution cannot
 * squat the ids of another whose id begins like its own (`tu` and `tu-wien`).
 */
let api: TestApi;
let operator: string;
const short = `tu${randomUUID().slice(0, 4)}`;
const long = `${short}-wien`;

const HEADER = 'key,title,learning_outcomes,ects,eqf_level,assessment,participation,quality_assurance,stackability';
const importRow = async (institution: string, key: string) => {
  const token = await api.token({ role: 'institution', id: institution });
  return api.call('POST', `/institutions/${institution}/credentials/import`, {
    token,
    raw: `${HEADER}\n${key},Offering ${key},Explain ids,5,7,exam,online,external-esg,stackable\n`,
    headers: { 'content-type': 'text/csv' },
  });
};

beforeAll(async () => {
  api = await startApi({ seed: false });
  operator = await api.token({ role: 'operator' });
  for (const id of [short, long]) {
    expect(
      (
        await api.call('POST', '/institutions', {
          token: operator,
          body: { id, name: `University ${id}`, country: 'AT', kind: 'hei' },
        })
      ).status,
    ).toBe(201);
  }
});
afterAll(() => api.stop());

describe('CSV credential ids', () => {
  it('keep two institutions apart whose ids begin alike', async () => {
    const squat = await importRow(short, 'wien-ml');
    const own = await importRow(long, 'ml');
    expect(squat.body.credentials[0].id).toBe(`${short}--wien-ml`);
    expect(own.body).toMatchObject({ created: 1, rejected: 0 });
    expect(own.body.credentials[0].id).toBe(`${long}--ml`);
    expect((await api.call('GET', `/credentials/${long}--ml`)).body.institutionId).toBe(long);
    expect((await api.call('GET', `/credentials/${short}--wien-ml`)).body.institutionId).toBe(short);
  });

  it('refuse a key that would make the id longer than 64 characters, naming the key column', async () => {
    const wordy = `${long}-${'x'.repeat(30)}`;
    await api.call('POST', '/institutions', {
      token: operator,
      body: { id: wordy, name: 'Wordy University', country: 'AT', kind: 'hei' },
    });
    const res = await importRow(wordy, 'k'.repeat(40));
    expect(res.body.rejected).toBe(1);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ column: 'key', message: expect.stringContaining('at most') }),
    ]);
  });

  it('rely on institution ids without "--"', async () => {
    const res = await api.call('POST', '/institutions', {
      token: operator,
      body: { id: 'tu--x', name: 'Ambiguous', country: 'AT', kind: 'hei' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'id' })]);
  });
});
