import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/store/dynamo/client.js';
import { startApi, type TestApi } from '../support/api.js';

/* SPEC §4 saved plans: POST /plans, GET /plans/{id}, DELETE /plans/{id} with Plan-Key; a year's TTL. */
let api: TestApi;

const ACHIEVEMENTS = [
  { credentialId: 'luh-machine-learning', issuedOn: '2026-02-01', score: 0.8 },
  { credentialId: 'lut-computer-vision', issuedOn: '2026-03-15' },
];

const save = (body: unknown, headers: Record<string, string> = {}) => api.call('POST', '/plans', { body, headers });

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.stop());

describe('saving a plan', () => {
  it('answers 201 with the plan, its eligibility answer, its expiry a year on and a delete key', async () => {
    const res = await save({ programmeId: 'demo-joint-master', achievements: ACHIEVEMENTS, asOf: '2026-11-01' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { id, deleteKey, createdAt, expiresAt, answer } = res.body;
    expect([...answer.counted].sort()).toEqual(['luh-machine-learning@1', 'lut-computer-vision@1']);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(deleteKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.headers.get('location')).toBe(`/plans/${id}`);
    expect(res.body).toMatchObject({
      programmeId: 'demo-joint-master',
      achievements: ACHIEVEMENTS,
      asOf: '2026-11-01',
    });
    expect(answer).toMatchObject({ eligible: false, plan: { additionalEcts: 50 } });
    const created = new Date(createdAt);
    created.setUTCFullYear(created.getUTCFullYear() + 1);
    expect(expiresAt).toBe(created.toISOString());
  });

  it('gives every plan its own unguessable id and key', async () => {
    const body = { programmeId: 'demo-joint-master', achievements: ACHIEVEMENTS };
    const [a, b] = await Promise.all([save(body), save(body)]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.deleteKey).not.toBe(b.body.deleteKey);
  });

  it('stores what the learner sent and the answer, the delete key only as a hash, with a TTL a year on', async () => {
    const res = await save({ programmeId: 'demo-joint-master', achievements: ACHIEVEMENTS });
    const doc = createDocumentClient({ tableName: api.registry.tableName, endpoint: api.registry.endpoint });
    const { Item } = await doc.send(
      new GetCommand({ TableName: api.registry.tableName, Key: { pk: `PLAN#${res.body.id}`, sk: 'PLAN' } }),
    );
    expect(Object.keys(Item ?? {}).sort()).toEqual(['data', 'expiresAt', 'keyHash', 'pk', 'sk']);
    expect(Object.keys(Item?.data ?? {}).sort()).toEqual([
      'achievements',
      'answer',
      'createdAt',
      'expiresAt',
      'id',
      'programmeId',
    ]);
    expect(JSON.stringify(Item)).not.toContain(res.body.deleteKey);
    expect(Item?.expiresAt).toBe(Math.floor(Date.parse(res.body.expiresAt) / 1000));
  });

  it('refuses an unknown field, naming it', async () => {
    const res = await save({ programmeId: 'demo-joint-master', achievements: [], email: 'me@example.org' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain('email');
  });

  it('refuses an unknown credential, naming its place, and stores nothing', async () => {
    const res = await save({
      programmeId: 'demo-joint-master',
      achievements: [{ credentialId: 'luh-nothing', issuedOn: '2026-01-01' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('achievements.0.credentialId');
  });

  it('answers 404 for a programme that does not exist', async () => {
    expect((await save({ programmeId: 'no-such-programme', achievements: [] })).status).toBe(404);
  });
});

describe('reading and deleting a saved plan', () => {
  it('shows the plan to whoever has the link, without its delete key', async () => {
    const saved = await save({ programmeId: 'demo-joint-master', achievements: ACHIEVEMENTS });
    const res = await api.call('GET', `/plans/${saved.body.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { deleteKey: _key, ...stored } = saved.body;
    expect(res.body).toEqual(stored);
  });

  it('answers 404 for an id that names no plan, and for one that is not a plan id', async () => {
    expect((await api.call('GET', '/plans/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await api.call('GET', '/plans/luh')).status).toBe(404);
  });

  it('deletes the plan with its key; it is gone afterwards', async () => {
    const saved = await save({ programmeId: 'demo-joint-master', achievements: ACHIEVEMENTS });
    const res = await api.call('DELETE', `/plans/${saved.body.id}`, { headers: { 'plan-key': saved.body.deleteKey } });
    expect(res.status).toBe(204);
    expect((await api.call('GET', `/plans/${saved.body.id}`)).status).toBe(404);
    expect(
      (await api.call('DELETE', `/plans/${saved.body.id}`, { headers: { 'plan-key': saved.body.deleteKey } })).status,
    ).toBe(404);
  });

  it('refuses to delete with another plan’s key (403) and without a key (400 naming Plan-Key)', async () => {
    const [mine, other] = await Promise.all([
      save({ programmeId: 'demo-joint-master', achievements: ACHIEVEMENTS }),
      save({ programmeId: 'demo-joint-master', achievements: [] }),
    ]);
    const wrong = await api.call('DELETE', `/plans/${mine.body.id}`, { headers: { 'plan-key': other.body.deleteKey } });
    expect(wrong.status).toBe(403);
    const missing = await api.call('DELETE', `/plans/${mine.body.id}`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('(header) Plan-Key');
    expect((await api.call('GET', `/plans/${mine.body.id}`)).status).toBe(200);
  });
});
