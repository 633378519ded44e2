import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * SPEC §3 invitations: an institution named by a coordinator is `invited`, not a member, until its
 * own registrar accepts; until then the coordinator may not write its credentials and it approves
 * nothing. Operator-named members are members at once.
 */
let api: TestApi;
let operator: string;
let upm: string;
let lut: string;

const newAllianceId = () => `evil-${randomUUID().slice(0, 8)}`;

const createdByCoordinator = async (members: string[]) => {
  const id = newAllianceId();
  const coordinator = await api.token({ role: 'coordinator', id });
  const res = await api.call('POST', '/alliances', {
    token: coordinator,
    body: { id, name: `Alliance ${id}`, members },
  });
  expect(res.status).toBe(201);
  return { id, coordinator, alliance: res.body };
};

beforeAll(async () => {
  api = await startApi();
  operator = await api.token({ role: 'operator' });
  upm = await api.token({ role: 'institution', id: 'upm' });
  lut = await api.token({ role: 'institution', id: 'lut' });
});
afterAll(() => api.stop());

describe('an alliance made by a coordinator', () => {
  it('lists the institutions it names as invited, not as members', async () => {
    const { alliance } = await createdByCoordinator(['upm']);
    expect(alliance).toMatchObject({ members: [], invited: ['upm'] });
  });

  it('invites an institution added by PUT …/members/{institutionId}, not making it a member', async () => {
    const { id, coordinator } = await createdByCoordinator([]);
    const res = await api.call('PUT', `/alliances/${id}/members/upm`, { token: coordinator });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ members: [], invited: ['upm'] });
  });

  it("gives its coordinator no right over an invited institution's credentials", async () => {
    const { id, coordinator } = await createdByCoordinator([]);
    await api.call('PUT', `/alliances/${id}/members/upm`, { token: coordinator });
    const retire = await api.call('POST', '/credentials/upm-water-engineering/retire', { token: coordinator });
    expect(retire.status).toBe(403);
    const update = await api.call('PUT', '/credentials/upm-ai-ethics', {
      token: coordinator,
      headers: { 'if-match': '1' },
      body: credentialDraft({ institutionId: 'upm', ects: 0.5 }),
    });
    expect(update.status).toBe(403);
    const fake = await api.call('POST', '/credentials', {
      token: coordinator,
      body: credentialDraft({ institutionId: 'upm', title: 'Fake degree' }),
    });
    expect(fake.status).toBe(403);
    expect((await api.call('GET', '/credentials/upm-water-engineering')).body.status).toBe('published');
  });

  it('lets an invited institution approve nothing', async () => {
    const { id, coordinator } = await createdByCoordinator(['upm', 'lut']);
    await api.call('POST', `/alliances/${id}/members/lut/accept`, { token: lut });
    const rule = (await api.call('GET', '/programmes/demo-micro-degree-data-science/versions/1')).body.rule;
    const proposed = await api.call('POST', `/alliances/${id}/programmes`, {
      token: coordinator,
      body: {
        rule: { ...rule, title: `Invited ${id}`, membersOnly: false, institutions: undefined, modules: undefined },
      },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const approval = await api.call('POST', `/programmes/${proposed.body.id}/approvals`, {
      token: upm,
      body: { version: 1, contentHash: proposed.body.contentHash },
    });
    expect(approval.status).toBe(403);
  });
});

describe('accepting an invitation', () => {
  it('makes the invited institution a member and answers 200 with the alliance', async () => {
    const { id } = await createdByCoordinator(['upm']);
    const res = await api.call('POST', `/alliances/${id}/members/upm/accept`, { token: upm });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, members: ['upm'], invited: [] });
    expect((await api.call('GET', `/alliances/${id}`)).body).toMatchObject({ members: ['upm'], invited: [] });
  });

  it("then lets the coordinator manage the member's credentials", async () => {
    const { id, coordinator } = await createdByCoordinator(['upm']);
    await api.call('POST', `/alliances/${id}/members/upm/accept`, { token: upm });
    const res = await api.call('POST', '/credentials', {
      token: coordinator,
      body: credentialDraft({ institutionId: 'upm', title: `Accepted ${id}` }),
    });
    expect(res.status).toBe(201);
  });

  it("is refused to another institution accepting in the invited one's name", async () => {
    const { id } = await createdByCoordinator(['upm']);
    const res = await api.call('POST', `/alliances/${id}/members/upm/accept`, { token: lut });
    expect(res.status).toBe(403);
    expect((await api.call('GET', `/alliances/${id}`)).body).toMatchObject({ members: [], invited: ['upm'] });
  });

  it('is refused to the coordinator who invited', async () => {
    const { id, coordinator } = await createdByCoordinator(['upm']);
    const res = await api.call('POST', `/alliances/${id}/members/upm/accept`, { token: coordinator });
    expect(res.status).toBe(403);
  });

  it('answers 404 when the institution was not invited', async () => {
    const { id } = await createdByCoordinator([]);
    const res = await api.call('POST', `/alliances/${id}/members/upm/accept`, { token: upm });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers the alliance unchanged when accepted twice', async () => {
    const { id } = await createdByCoordinator(['upm']);
    await api.call('POST', `/alliances/${id}/members/upm/accept`, { token: upm });
    const again = await api.call('POST', `/alliances/${id}/members/upm/accept`, { token: upm });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ members: ['upm'], invited: [] });
  });
});

describe('members named by the operator', () => {
  it('are members at once, on create and on PUT', async () => {
    const id = newAllianceId();
    const created = await api.call('POST', '/alliances', {
      token: operator,
      body: { id, name: `Alliance ${id}`, members: ['upm'] },
    });
    expect(created.body).toMatchObject({ members: ['upm'], invited: [] });
    const added = await api.call('PUT', `/alliances/${id}/members/lut`, { token: operator });
    expect(added.body).toMatchObject({ members: ['upm', 'lut'], invited: [] });
  });

  it('turn a pending invitation into membership', async () => {
    const { id } = await createdByCoordinator(['upm']);
    const res = await api.call('PUT', `/alliances/${id}/members/upm`, { token: operator });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ members: ['upm'], invited: [] });
  });

  it('keep the seeded demo alliance whole', async () => {
    expect((await api.call('GET', '/alliances/demo')).body).toMatchObject({
      members: ['luh', 'lut', 'but', 'tuwien', 'upm'],
      invited: [],
    });
  });
});
