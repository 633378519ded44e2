import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../support/api.js';

let api: TestApi;
let operator: string;
const MEMBERS = ['luh', 'lut', 'but', 'tuwien', 'upm'];
const institutionTokens = new Map<string, string>();

const sha256Jcs = (value: unknown) =>
  createHash('sha256')
    .update(canonicalize(value) ?? '')
    .digest('hex');

const rule = (overrides: Record<string, unknown> = {}) => ({
  title: 'Joint Master in Testing',
  award: 'joint-master',
  eqfLevel: 7,
  ects: { min: 60, max: 60 },
  institutions: [
    { id: 'luh', minCount: 3, maxCount: 3 },
    { id: 'lut', minCount: 2, maxCount: 2 },
    { id: 'but', minCount: 2, maxCount: 2 },
    { id: 'tuwien', minCount: 3, maxCount: 3 },
    { id: 'upm', minCount: 2, maxCount: 2 },
  ],
  ...overrides,
});

/** A fresh alliance of the five demo universities and its coordinator's token. */
const newAlliance = async () => {
  const id = `a-${randomUUID().slice(0, 8)}`;
  const res = await api.call('POST', '/alliances', {
    token: operator,
    body: { id, name: `Alliance ${id}`, members: MEMBERS },
  });
  expect(res.status).toBe(201);
  return { id, coordinator: await api.token({ role: 'coordinator', id }) };
};

const proposeIn = async (allianceId: string, token: string, body = rule()) => {
  const res = await api.call('POST', `/alliances/${allianceId}/programmes`, { token, body: { rule: body } });
  expect(res.status).toBe(201);
  return res.body as { id: string; contentHash: string; version: number };
};

const approveAs = (
  institutionId: string,
  programmeId: string,
  version: number,
  contentHash: string,
  headers?: Record<string, string>,
) =>
  api.call('POST', `/programmes/${programmeId}/approvals`, {
    token: institutionTokens.get(institutionId) ?? '',
    body: { version, contentHash },
    ...(headers ? { headers } : {}),
  });

beforeAll(async () => {
  api = await startApi();
  operator = await api.token({ role: 'operator' });
  for (const id of MEMBERS) institutionTokens.set(id, await api.token({ role: 'institution', id }));
});
afterAll(() => api.stop());

describe('the seeded demo', () => {
  it('lists the joint master of SPEC §1 as agreed under alliance demo', async () => {
    const res = await api.call('GET', '/alliances/demo/programmes');
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ id: 'demo-joint-master', status: 'agreed', currentVersion: 1 }),
    );
    const master = await api.call('GET', '/programmes/demo-joint-master');
    expect(Object.keys(master.body.approvals).sort()).toEqual([...MEMBERS].sort());
    expect(master.body.versions[0].contentHash).toBe(sha256Jcs(master.body.versions[0].rule));
  });
});

describe('a five-partner negotiation', () => {
  it('returns the SPEC §5.7 content hash of the rule as stored', async () => {
    const { id, coordinator } = await newAlliance();
    const proposed = await proposeIn(id, coordinator);
    const version = await api.call('GET', `/programmes/${proposed.id}/versions/1`);
    expect(version.body).toMatchObject({
      version: 1,
      contentHash: sha256Jcs(version.body.rule),
      createdBy: 'coordinator:' + id,
    });
    // Stored exactly as sent, with the modules the server filled in (SPEC §5): the hash covers them.
    expect(version.body.rule).toEqual({ ...rule(), modules: expect.arrayContaining(['luh-machine-learning@1']) });
    expect(proposed.contentHash).toBe(version.body.contentHash);
    expect(proposed.contentHash).not.toBe(sha256Jcs(rule()));
  });

  it('becomes agreed with the last approval, and records every event', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await proposeIn(id, coordinator);
    for (const member of MEMBERS.slice(0, 4)) {
      const res = await approveAs(member, p.id, 1, p.contentHash);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('negotiating');
    }
    const last = await approveAs('upm', p.id, 1, p.contentHash);
    expect(last.body).toMatchObject({ status: 'agreed', agreedVersion: 1, pendingApprovals: [] });
    const history = (await api.call('GET', `/programmes/${p.id}`)).body.history as {
      type: string;
      version: number;
      contentHash: string;
      actor: string;
    }[];
    expect(history.map((e) => e.type)).toEqual([
      'proposed',
      'approved',
      'approved',
      'approved',
      'approved',
      'approved',
      'agreed',
    ]);
    expect(history.every((e) => e.version === 1 && e.contentHash === p.contentHash && e.actor)).toBe(true);
  });

  it('refuses a stale version and a hash that is not the current version’s with 409', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await proposeIn(id, coordinator);
    const wrongHash = await approveAs('luh', p.id, 1, 'a'.repeat(64));
    expect(wrongHash.status).toBe(409);
    const amended = await api.call('POST', `/programmes/${p.id}/versions`, {
      token: coordinator,
      body: { baseVersion: 1, rule: rule({ title: 'Amended' }) },
    });
    expect(amended.status).toBe(201);
    const stale = await approveAs('luh', p.id, 1, p.contentHash);
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
  });

  it('clears all approvals with an amendment, atomically with the new version', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await proposeIn(id, coordinator);
    await approveAs('luh', p.id, 1, p.contentHash);
    await approveAs('lut', p.id, 1, p.contentHash);
    const amended = await api.call('POST', `/programmes/${p.id}/versions`, {
      token: institutionTokens.get('tuwien') ?? '',
      body: { baseVersion: 1, rule: rule({ title: 'Amended by TU Wien' }) },
    });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({ currentVersion: 2, version: 2, title: 'Amended by TU Wien' });
    expect(amended.body.approvals).toEqual({});
    expect(amended.body.contentHash).toBe(sha256Jcs(amended.body.rule));
    expect(amended.body.rule).toMatchObject(rule({ title: 'Amended by TU Wien' }));
    expect((await api.call('GET', `/programmes/${p.id}/versions/1`)).body.rule.title).toBe('Joint Master in Testing');
  });

  it('never changes an agreed version, and lets a coordinator withdraw with a reason', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await proposeIn(id, coordinator);
    await Promise.all(MEMBERS.map((m) => approveAs(m, p.id, 1, p.contentHash)));
    const amend = await api.call('POST', `/programmes/${p.id}/versions`, {
      token: coordinator,
      body: { baseVersion: 1, rule: rule({ title: 'Next' }) },
    });
    expect(amend.status).toBe(201);
    expect((await api.call('GET', `/programmes/${p.id}/versions/1`)).body.contentHash).toBe(p.contentHash);
    const byInstitution = await api.call('POST', `/programmes/${p.id}/withdraw`, {
      token: institutionTokens.get('luh') ?? '',
      body: { reason: 'No' },
    });
    expect(byInstitution.status).toBe(403);
    const withoutReason = await api.call('POST', `/programmes/${p.id}/withdraw`, { token: coordinator, body: {} });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.error.details[0].path).toBe('reason');
    const withdrawn = await api.call('POST', `/programmes/${p.id}/withdraw`, {
      token: coordinator,
      body: { reason: 'Replaced by a new programme' },
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.history.at(-1)).toMatchObject({ type: 'withdrawn', reason: 'Replaced by a new programme' });
  });

  it('refuses an approval from an institution outside the alliance, and from a coordinator', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await proposeIn(id, coordinator);
    const outsider = await api.token({ role: 'institution', id: 'somewhere-else' });
    const res = await api.call('POST', `/programmes/${p.id}/approvals`, {
      token: outsider,
      body: { version: 1, contentHash: p.contentHash },
    });
    expect(res.status).toBe(403);
    const byCoordinator = await api.call('POST', `/programmes/${p.id}/approvals`, {
      token: coordinator,
      body: { version: 1, contentHash: p.contentHash },
    });
    expect(byCoordinator.status).toBe(403);
  });

  it('needs a member added during negotiation to approve too', async () => {
    const { id, coordinator } = await newAlliance();
    const newcomer = `u-${randomUUID().slice(0, 6)}`;
    await api.call('POST', '/institutions', {
      token: operator,
      body: { id: newcomer, name: 'Newcomer University', country: 'PT', kind: 'hei' },
    });
    const p = await proposeIn(id, coordinator);
    for (const m of MEMBERS.slice(0, 4)) await approveAs(m, p.id, 1, p.contentHash);
    const added = await api.call('PUT', `/alliances/${id}/members/${newcomer}`, { token: coordinator });
    expect(added.status).toBe(201);
    // Named by a coordinator, the newcomer is a member once its own registrar accepts (SPEC §3).
    const token = await api.token({ role: 'institution', id: newcomer });
    expect((await api.call('POST', `/alliances/${id}/members/${newcomer}/accept`, { token })).status).toBe(200);
    const fifth = await approveAs('upm', p.id, 1, p.contentHash);
    expect(fifth.body).toMatchObject({ status: 'negotiating', pendingApprovals: [newcomer] });
    const sixth = await api.call('POST', `/programmes/${p.id}/approvals`, {
      token,
      body: { version: 1, contentHash: p.contentHash },
    });
    expect(sixth.body.status).toBe('agreed');
  });

  it('replays an approval retried with the same Idempotency-Key', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await proposeIn(id, coordinator);
    const headers = { 'idempotency-key': randomUUID() };
    const first = await approveAs('luh', p.id, 1, p.contentHash, headers);
    const again = await approveAs('luh', p.id, 1, p.contentHash, headers);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const history = (await api.call('GET', `/programmes/${p.id}`)).body.history;
    expect(history.filter((e: { type: string }) => e.type === 'approved')).toHaveLength(1);
  });
});

describe('rule validation', () => {
  it('names the field of a min above its max', async () => {
    const { id, coordinator } = await newAlliance();
    const res = await api.call('POST', `/alliances/${id}/programmes`, {
      token: coordinator,
      body: { rule: rule({ ects: { min: 60, max: 30 } }) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'rule.ects.max' }));
  });

  it('rejects a non-member institution, an unknown credential and an unknown programme', async () => {
    const { id, coordinator } = await newAlliance();
    const res = await api.call('POST', `/alliances/${id}/programmes`, {
      token: coordinator,
      body: {
        rule: rule({
          institutions: [{ id: 'nowhere', minCount: 1 }],
          exclusions: [['luh-machine-learning', 'luh-no-such-course']],
          programmes: ['no-such-programme'],
        }),
      },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['rule.institutions.0.id', 'rule.exclusions.0.1', 'rule.programmes.0']),
    );
  });

  it('rejects unknown rule fields, so that the stored rule is exactly the rule sent', async () => {
    const { id, coordinator } = await newAlliance();
    const res = await api.call('POST', `/alliances/${id}/programmes`, {
      token: coordinator,
      body: { rule: { ...rule(), colour: 'blue' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('colour');
  });

  it('accepts a rule that can never be satisfied, with a warning', async () => {
    const { id, coordinator } = await newAlliance();
    const res = await api.call('POST', `/alliances/${id}/programmes`, {
      token: coordinator,
      body: {
        rule: rule({
          ects: { min: 20, max: 20 },
          institutions: [
            { id: 'luh', minEcts: 15 },
            { id: 'lut', minEcts: 15 },
          ],
        }),
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ rule: 'institutions' }));
  });
});

describe('concurrency', () => {
  it('ends five simultaneous approvals agreed exactly once with five approvals, twenty times over', async () => {
    const { id, coordinator } = await newAlliance();
    for (let round = 0; round < 20; round++) {
      const p = await proposeIn(id, coordinator, rule({ title: `Race ${round}` }));
      const answers = await Promise.all(MEMBERS.map((m) => approveAs(m, p.id, 1, p.contentHash)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      const final = (await api.call('GET', `/programmes/${p.id}`)).body;
      expect(final.status).toBe('agreed');
      expect(Object.keys(final.approvals).sort()).toEqual([...MEMBERS].sort());
      const types = final.history.map((e: { type: string }) => e.type);
      expect(types.filter((t: string) => t === 'agreed')).toHaveLength(1);
      expect(types.filter((t: string) => t === 'approved')).toHaveLength(5);
      expect(answers.filter((a) => a.body.status === 'agreed').length).toBeGreaterThanOrEqual(1);
    }
  }, 120_000);

  it('lets exactly one of two simultaneous amendments on the same base win', async () => {
    const { id, coordinator } = await newAlliance();
    for (let round = 0; round < 5; round++) {
      const p = await proposeIn(id, coordinator, rule({ title: `Amend race ${round}` }));
      const answers = await Promise.all(
        ['A', 'B'].map((tag) =>
          api.call('POST', `/programmes/${p.id}/versions`, {
            token: coordinator,
            body: { baseVersion: 1, rule: rule({ title: `Version ${tag}` }) },
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const final = (await api.call('GET', `/programmes/${p.id}`)).body;
      expect(final.versions).toHaveLength(2);
      expect(final.currentVersion).toBe(2);
    }
  }, 60_000);
});
