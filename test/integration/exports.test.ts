import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaErrors, validators } from '../support/official-schemas.js';
import { startApi, type TestApi } from '../support/api.js';

let api: TestApi;
let ids: string[];

beforeAll(async () => {
  api = await startApi();
  ids = (await api.call('GET', '/credentials?limit=100')).body.items.map((c: { id: string }) => c.id);
});
afterAll(() => api.stop());

describe('exports of the seeded catalogue over HTTP', () => {
  it('validates every credential as an OB 3.0 Achievement against the official 1EdTech schema', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(25);
    for (const id of ids) {
      const res = await api.call('GET', `/credentials/${id}/export?format=ob3`);
      expect(schemaErrors(validators.ob3Achievement, res.body), id).toEqual([]);
    }
  });

  it('validates every credential as an ELM LearningAchievementSpecification against the Europass EDC schema', async () => {
    for (const id of ids) {
      const res = await api.call('GET', `/credentials/${id}/export?format=elm`);
      expect(schemaErrors(validators.elmSpecification, res.body), id).toEqual([]);
    }
  });

  it('validates both seeded programmes in both formats', async () => {
    for (const id of ['demo-joint-master', 'demo-micro-degree-data-science']) {
      const ob3 = await api.call('GET', `/programmes/${id}/export?format=ob3`);
      expect(schemaErrors(validators.ob3Achievement, ob3.body), id).toEqual([]);
      const elm = await api.call('GET', `/programmes/${id}/export?format=elm`);
      expect(schemaErrors(validators.elmLearningOpportunity, elm.body), id).toEqual([]);
    }
  });
});
