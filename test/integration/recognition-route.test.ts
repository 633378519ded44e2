import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialDraft } from '../support/drafts.js';
import { startApi, type TestApi } from '../support/api.js';

/*
 * SPEC §5 interoperability: the recognition route follows the kind of the institution responsible
 * for quality assurance, over HTTP on DynamoDB Local.
 */
let api: TestApi;
let luh: string;
let provider: string;
let providerId: string;

const register = async (token: string, draft: Record<string, unknown>): Promise<string> => {
  const res = await api.call('POST', '/credentials', { token, body: credentialDraft(draft) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};

const routeOf = async (credential: string, target: Record<string, string> = { programmeId: 'demo-joint-master' }) => {
  const res = await api.call('POST', '/interoperability', { body: { credential, target, asOf: '2026-11-01' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

beforeAll(async () => {
  api = await startApi();
  providerId = `skills-${randomUUID().slice(0, 8)}`;
  const operator = await api.token({ role: 'operator' });
  const created = await api.call('POST', '/institutions', {
    token: operator,
    body: { id: providerId, name: 'Skills Academy GmbH', country: 'DE', kind: 'provider' },
  });
  expect(created.status).toBe(201);
  luh = await api.token({ role: 'institution', id: 'luh' });
  provider = await api.token({ role: 'institution', id: providerId });
});
afterAll(() => api.stop());

describe('recognition route by the institution responsible for quality assurance', () => {
  it('routes an LUH credential with internal QA to academic recognition', async () => {
    const id = await register(luh, { title: 'Internal QA seminar', qualityAssurance: 'internal' });
    const answer = await routeOf(id);
    expect(answer.recognitionRoute).toBe('academic-recognition');
    expect(answer.notice).toContain('Leibniz Universität Hannover, a higher education institution');
  });

  it('routes a provider credential under external ESG QA to recognition of prior learning', async () => {
    const id = await register(provider, {
      institutionId: providerId,
      awardingBodies: [providerId],
      title: 'Cloud practice',
      qualityAssurance: 'external-esg',
    });
    const answer = await routeOf(id, { institutionId: 'luh' });
    expect(answer.recognitionRoute).toBe('recognition-of-prior-learning');
    expect(answer.compatible).toBe('with-conditions');
  });

  it('routes a cooperative LUH credential whose QA lies with a provider, once it confirms, to recognition of prior learning', async () => {
    const id = await register(luh, {
      title: 'Co-delivered workshop',
      awardingBodies: ['luh', providerId],
      qaResponsible: providerId,
      qualityAssurance: 'accredited-programme',
    });
    const confirmed = await api.call('POST', `/credentials/${id}/confirm`, { token: provider, body: { version: 1 } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect((await routeOf(id)).recognitionRoute).toBe('recognition-of-prior-learning');
  });

  it('routes by the registering institution while the named QA body has not confirmed', async () => {
    const id = await register(luh, {
      title: 'Co-delivered seminar',
      awardingBodies: ['luh', providerId],
      qaResponsible: providerId,
      qualityAssurance: 'accredited-programme',
    });
    const answer = await routeOf(id);
    expect(answer.recognitionRoute).toBe('academic-recognition');
    expect(answer.notice).toContain('Leibniz Universität Hannover');
  });

  it('routes a cooperative LUH credential with LUH responsible for QA to academic recognition', async () => {
    const id = await register(luh, {
      title: 'Co-delivered lab',
      awardingBodies: ['luh', providerId],
      qaResponsible: 'luh',
      qualityAssurance: 'internal',
    });
    expect((await routeOf(id)).recognitionRoute).toBe('academic-recognition');
  });
});
