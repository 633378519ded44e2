import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * An alliance names at most 100 institutions (members and invitations together). The bound is
 * enforced where institutions are added, never more strictly on reads, so a full alliance refuses
 * the 101st and keeps answering.
 */
let api: TestApi;
let operator: string;
let institutions: string[];

beforeAll(async () => {
  api = await startApi({ seed: false });
  operator = await api.token({ role: 'operator' });
  const prefix = `z${randomUUID().slice(0, 6)}`;
  institutions = Array.from({ length: 102 }, (_, i) => `${prefix}-${i}`);
  for (let i = 0; i < institutions.length; i += 20) {
    await Promise.all(
      institutions.slice(i, i + 20).map(async (id) => {
        const res = await api.call('POST', '/institutions', {
          token: operator,
          body: { id, name: `University ${id}`, country: 'DE', kind: 'hei' },
        });
        expect(res.status).toBe(201);
      }),
    );
  }
});
afterAll(() => api.stop());

describe('a full alliance', () => {
  it("refuses a 101st member with 409 and keeps answering reads and its coordinator's writes", async () => {
    const id = `full-${randomUUID().slice(0, 8)}`;
    const created = await api.call('POST', '/alliances', {
      token: operator,
      body: { id, name: 'Full', members: institutions.slice(0, 100) },
    });
    expect(created.status).toBe(201);
    const extra = await api.call('PUT', `/alliances/${id}/members/${institutions[100]}`, { token: operator });
    expect(extra.status).toBe(409);
    expect(extra.body.error.message).toContain('100');
    const read = await api.call('GET', `/alliances/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.members).toHaveLength(100);
    const coordinator = await api.token({ role: 'coordinator', id });
    const credential = await api.call('POST', '/credentials', {
      token: coordinator,
      body: credentialDraft({
        institutionId: institutions[0],
        title: 'Still writable',
        learningOutcomes: ['Explain bounds'],
      }),
    });
    expect(credential.status).toBe(201);
  });

  it('counts invitations against the bound', async () => {
    const id = `inv-${randomUUID().slice(0, 8)}`;
    const coordinator = await api.token({ role: 'coordinator', id });
    expect(
      (
        await api.call('POST', '/alliances', {
          token: coordinator,
          body: { id, name: 'Invites', members: institutions.slice(0, 100) },
        })
      ).status,
    ).toBe(201);
    const extra = await api.call('PUT', `/alliances/${id}/members/${institutions[101]}`, { token: coordinator });
    expect(extra.status).toBe(409);
    expect((await api.call('GET', `/alliances/${id}`)).body.invited).toHaveLength(100);
  });
});
