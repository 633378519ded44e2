import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProgrammeContext } from '../../shared/app/engine/engine-context.js';
import type { Deps } from '../../shared/app/deps.js';
import { findPathways } from '../../shared/engine/index.js';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * SPEC §5 `modules`, drift, warnings and preview, §5.7 amending an agreed programme, §4 comments and
 * withdrawal reasons: over HTTP, on DynamoDB Local, against the seeded demo alliance.
 */

let api: TestApi;
let operator: string;
const MEMBERS = ['luh', 'lut', 'but', 'tuwien', 'upm'];
const institutionTokens = new Map<string, string>();
const tokenOf = (id: string) => institutionTokens.get(id) ?? '';
const LUH = [
  'luh-data-engineering',
  'luh-geoinformatics',
  'luh-machine-learning',
  'luh-optimisation',
  'luh-research-methods',
];

beforeAll(async () => {
  api = await startApi();
  operator = await api.token({ role: 'operator' });
  for (const id of MEMBERS) institutionTokens.set(id, await api.token({ role: 'institution', id }));
});
afterAll(() => api.stop());

const newAlliance = async (members = MEMBERS) => {
  const id = `m-${randomUUID().slice(0, 8)}`;
  const res = await api.call('POST', '/alliances', { token: operator, body: { id, name: `Alliance ${id}`, members } });
  expect(res.status).toBe(201);
  return { id, coordinator: await api.token({ role: 'coordinator', id }) };
};

/** Two of the listed LUH modules make a 10 ECTS micro-degree: C(n, 2) compositions. */
const pairRule = (modules?: string[], overrides: Record<string, unknown> = {}) => ({
  title: `Pairs ${randomUUID().slice(0, 6)}`,
  award: 'micro-degree',
  eqfLevel: 7,
  ects: { min: 10, max: 10 },
  components: { eqfMin: 7 },
  institutions: [{ id: 'luh', minCount: 2 }],
  ...(modules ? { modules } : {}),
  ...overrides,
});

const propose = async (allianceId: string, token: string, rule: unknown) => {
  const res = await api.call('POST', `/alliances/${allianceId}/programmes`, { token, body: { rule } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as {
    id: string;
    contentHash: string;
    rule: { modules: string[] };
    warnings?: { rule: string; message: string }[];
  };
};

const approveAll = async (programmeId: string, version: number, contentHash: string) => {
  const answers = await Promise.all(
    MEMBERS.map((m) =>
      api.call('POST', `/programmes/${programmeId}/approvals`, { token: tokenOf(m), body: { version, contentHash } }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(MEMBERS.map(() => 200));
};

const pathways = async (programmeId: string, body: Record<string, unknown> = {}) => {
  const res = await api.call('POST', `/programmes/${programmeId}/pathways`, { body: { limit: 100, ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { total: string; exact: boolean; ruleVersion: number; pathways: { credentials: string[] }[] };
};

const register = async (token: string, overrides: Record<string, unknown>) => {
  const res = await api.call('POST', '/credentials', { token, body: credentialDraft(overrides) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
};

describe('modules a proposal omits', () => {
  it('are filled in with the members’ published offerings that pass components, at their latest version', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule());
    expect(p.rule.modules).toEqual(expect.arrayContaining(['luh-machine-learning@1', 'upm-ai-ethics@1']));
    expect(p.rule.modules.length).toBeGreaterThanOrEqual(25); // the 25 seeded offerings, and any registered since
    const strict = await propose(id, coordinator, pairRule(undefined, { components: { eqfMin: 8 } }));
    expect(strict.rule.modules).toEqual([]);
    expect(strict.warnings?.map((w) => w.rule)).toContain('composition');
  });
});

describe('modules a proposal lists', () => {
  it('must be published credentials of members, each version existing (400 naming the module)', async () => {
    const { id, coordinator } = await newAlliance(['luh', 'lut', 'but', 'tuwien']);
    const retired = await register(tokenOf('luh'), { title: 'Soon Retired' });
    expect((await api.call('POST', `/credentials/${retired.id}/retire`, { token: tokenOf('luh') })).status).toBe(200);
    const res = await api.call('POST', `/alliances/${id}/programmes`, {
      token: coordinator,
      body: {
        rule: pairRule([
          'luh-machine-learning@1',
          'luh-nothing@1',
          `${retired.id}@1`,
          'luh-optimisation@2',
          'upm-ai-ethics@1',
        ]),
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'rule.modules.1',
      'rule.modules.2',
      'rule.modules.3',
      'rule.modules.4',
    ]);
    expect(res.body.error.message).toContain('luh-nothing does not exist');
    expect(res.body.error.message).toContain('is retired');
    expect(res.body.error.message).toContain('has no version 2');
    expect(res.body.error.message).toContain('not a member');
  });

  it('are offered at their latest version that passes the filters; a retired one no more, yet it counts when held', async () => {
    const { id, coordinator } = await newAlliance();
    const module = await register(tokenOf('luh'), { title: `Pinned ${randomUUID().slice(0, 6)}`, subjectArea: '0613' });
    const p = await propose(id, coordinator, pairRule([`${module.id}@1`, 'luh-machine-learning@1']));
    expect((await pathways(p.id)).total).toBe('1');

    // Version 2 drops to EQF 6: it fails eqfMin, so version 1 stays on offer, in the very next answer.
    const lowered = await api.call('PUT', `/credentials/${module.id}`, {
      token: tokenOf('luh'),
      body: credentialDraft({ title: 'Pinned, lowered', subjectArea: '0613', eqfLevel: 6 }),
      headers: { 'if-match': '1' },
    });
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    const after = await pathways(p.id);
    expect(after.total).toBe('1');
    expect(after.pathways[0]?.credentials).toContain(module.id);
    const plan = await api.call('POST', `/programmes/${p.id}/eligibility`, { body: { achievements: [] } });
    expect(plan.body.plan.add.sort()).toEqual([module.id, 'luh-machine-learning'].sort());

    expect((await api.call('POST', `/credentials/${module.id}/retire`, { token: tokenOf('luh') })).status).toBe(200);
    expect((await pathways(p.id)).total).toBe('0');
    const held = await api.call('POST', `/programmes/${p.id}/eligibility`, {
      body: {
        achievements: [
          { credentialId: module.id, version: 1, issuedOn: '2026-01-15' },
          { credentialId: 'luh-machine-learning', issuedOn: '2026-01-15' },
        ],
      },
    });
    expect(held.body).toMatchObject({ eligible: true });
    expect(held.body.counted).toContain(`${module.id}@1`);
  });

  it('bind nested programmes too: each counts only its own modules', async () => {
    const { id, coordinator } = await newAlliance();
    const inner = await propose(
      id,
      coordinator,
      pairRule(['luh-data-engineering@1', 'luh-machine-learning@1', 'luh-optimisation@1']),
    );
    const outer = await propose(
      id,
      coordinator,
      pairRule(
        LUH.map((m) => `${m}@1`),
        { programmes: [inner.id] },
      ),
    );
    const answer = await pathways(outer.id);
    expect(answer.total).toBe('3'); // C(3, 2) of the inner modules, not C(5, 2)
    for (const pathway of answer.pathways) expect(pathway.credentials).not.toContain('luh-geoinformatics');
    // The inner programme's standing version changes: the outer one's very next answer follows it.
    const narrowed = await api.call('POST', `/programmes/${inner.id}/versions`, {
      token: coordinator,
      body: { baseVersion: 1, rule: pairRule(['luh-data-engineering@1', 'luh-machine-learning@1']) },
    });
    expect(narrowed.status).toBe(201);
    expect((await pathways(outer.id)).total).toBe('1');
  });
});

describe('the seeded joint master', () => {
  it('stays at 70,800 compositions after eleven new offerings, which it shows under drift.added', async () => {
    const coordinator = await api.token({ role: 'coordinator', id: 'demo' });
    const added: string[] = [];
    for (let i = 0; i < 11; i++) {
      const institutionId = MEMBERS[i % MEMBERS.length] ?? 'luh';
      const c = await register(coordinator, {
        institutionId,
        awardingBodies: [institutionId],
        title: `New offering ${i} ${randomUUID().slice(0, 4)}`,
      });
      added.push(`${c.id}@1`);
    }
    const answer = await pathways('demo-joint-master', { limit: 1 });
    expect(answer).toMatchObject({ total: '70800', exact: true, ruleVersion: 1 });
    const master = await api.call('GET', '/programmes/demo-joint-master');
    expect(master.body.status).toBe('agreed');
    expect(master.body.drift.added).toEqual(expect.arrayContaining(added));
    expect(master.body.drift).toMatchObject({ changed: [], retired: [] });
    expect(master.body.versions[0].rule.modules).toHaveLength(25);
  });

  it('stays at 70,800 compositions after a CSV import, and lists the imported offerings that pass its filters under drift.added', async () => {
    const csv = readFileSync(new URL('../../docs/sample-credentials.csv', import.meta.url), 'utf8');
    const imported = await api.call('POST', '/institutions/luh/credentials/import', {
      raw: csv,
      token: tokenOf('luh'),
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    expect(imported.body.created).toBeGreaterThan(0);
    expect((await pathways('demo-joint-master', { limit: 1 })).total).toBe('70800');
    const { drift } = (await api.call('GET', '/programmes/demo-joint-master')).body;
    expect(drift.added).toContain('luh--deep-learning@1');
  });
});

describe('amending an agreed programme', () => {
  it('negotiates the new version while the engine answers from the agreed one, until that is agreed', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule(LUH.map((m) => `${m}@1`)));
    await approveAll(p.id, 1, p.contentHash);
    expect((await pathways(p.id)).total).toBe('10');

    const amended = await api.call('POST', `/programmes/${p.id}/versions`, {
      token: tokenOf('luh'),
      body: {
        baseVersion: 1,
        rule: pairRule(LUH.slice(0, 3).map((m) => `${m}@1`)),
        comment: 'Two of our modules end next year',
      },
    });
    expect(amended.status).toBe(201);
    expect(amended.body).toMatchObject({ status: 'negotiating', currentVersion: 2, agreedVersion: 1 });
    expect(amended.body.history.at(-1)).toMatchObject({
      type: 'amended',
      version: 2,
      institutionId: 'luh',
      comment: 'Two of our modules end next year',
    });
    expect(await pathways(p.id)).toMatchObject({ total: '10', ruleVersion: 1 });

    await approveAll(p.id, 2, amended.body.contentHash);
    const agreed = (await api.call('GET', `/programmes/${p.id}`)).body;
    expect(agreed).toMatchObject({ status: 'agreed', agreedVersion: 2 });
    expect(await pathways(p.id)).toMatchObject({ total: '3', ruleVersion: 2 });
  });

  it('lets exactly one of two simultaneous amendments of an agreed programme win, the agreement standing', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule(LUH.map((m) => `${m}@1`)));
    await approveAll(p.id, 1, p.contentHash);
    const answers = await Promise.all(
      ['luh', 'lut'].map((m) =>
        api.call('POST', `/programmes/${p.id}/versions`, {
          token: tokenOf(m),
          body: { baseVersion: 1, rule: pairRule(undefined, { title: `By ${m}` }) },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const after = (await api.call('GET', `/programmes/${p.id}`)).body;
    expect(after).toMatchObject({ status: 'negotiating', currentVersion: 2, agreedVersion: 1, versionCount: 2 });
  });

  it('adopts drift: a new version of a listed module and a retirement show, and an amendment takes them in', async () => {
    const { id, coordinator } = await newAlliance();
    const kept = await register(tokenOf('luh'), { title: `Kept ${randomUUID().slice(0, 6)}` });
    const gone = await register(tokenOf('luh'), { title: `Gone ${randomUUID().slice(0, 6)}` });
    const p = await propose(id, coordinator, pairRule([`${kept.id}@1`, `${gone.id}@1`, 'luh-machine-learning@1']));
    const fresh = await register(tokenOf('luh'), { title: `Fresh ${randomUUID().slice(0, 6)}` });
    expect(
      (
        await api.call('PUT', `/credentials/${kept.id}`, {
          token: tokenOf('luh'),
          body: credentialDraft({ title: 'Kept v2' }),
          headers: { 'if-match': '1' },
        })
      ).status,
    ).toBe(200);
    expect((await api.call('POST', `/credentials/${gone.id}/retire`, { token: tokenOf('luh') })).status).toBe(200);

    const { drift } = (await api.call('GET', `/programmes/${p.id}`)).body;
    expect(drift).toEqual({
      added: [`${fresh.id}@1`],
      changed: [{ id: kept.id, listed: `${kept.id}@1`, latest: `${kept.id}@2` }],
      retired: [gone.id],
    });
    const adopted = [`${kept.id}@2`, 'luh-machine-learning@1', `${fresh.id}@1`].sort();
    const amended = await api.call('POST', `/programmes/${p.id}/versions`, {
      token: coordinator,
      body: { baseVersion: 1, rule: pairRule(adopted, { title: 'Adopted' }) },
    });
    expect(amended.status).toBe(201);
    expect((await api.call('GET', `/programmes/${p.id}`)).body.drift).toEqual({ added: [], changed: [], retired: [] });
  });
});

describe('engine snapshots', () => {
  it('read the catalogue once while nothing changes, and again in the very next answer after a new version or a retirement', async () => {
    const deps = api.registry.deps;
    let catalogueReads = 0;
    const counted: Deps = {
      ...deps,
      credentials: Object.assign(Object.create(deps.credentials) as Deps['credentials'], {
        published: (ids?: readonly string[]) => {
          catalogueReads += 1;
          return deps.credentials.published(ids);
        },
      }),
    };
    const count = async (programmeId: string) =>
      findPathways((await loadProgrammeContext(counted, programmeId)).ctx, { limit: 1 }).total;
    const { id, coordinator } = await newAlliance();
    const [a, b, c] = await Promise.all(
      ['A', 'B', 'C'].map((tag) => register(tokenOf('luh'), { title: `Snapshot ${tag} ${randomUUID().slice(0, 6)}` })),
    );
    const p = await propose(id, coordinator, pairRule([a, b, c].map((m) => `${m?.id}@1`)));
    expect(await count(p.id)).toBe('3');
    expect(await count(p.id)).toBe('3');
    expect(catalogueReads).toBe(1);

    // Version 2 of A has 10 ECTS: no pair with it fits 10 ECTS any more.
    const bigger = await api.call('PUT', `/credentials/${a?.id}`, {
      token: tokenOf('luh'),
      body: credentialDraft({ title: 'Snapshot A, larger', ects: 10 }),
      headers: { 'if-match': '1' },
    });
    expect(bigger.status).toBe(200);
    expect(await count(p.id)).toBe('1');
    expect(catalogueReads).toBe(2);
    expect((await pathways(p.id)).total).toBe('1'); // over HTTP, from the same warm snapshot

    expect((await api.call('POST', `/credentials/${b?.id}/retire`, { token: tokenOf('luh') })).status).toBe(200);
    expect(await count(p.id)).toBe('0');
    expect(catalogueReads).toBe(3);
    expect((await pathways(p.id)).total).toBe('0');
  });

  it('keep concurrent writes of one institution’s credentials landing: they share its catalogue revision', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api.call('POST', '/credentials', {
          token: tokenOf('lut'),
          body: credentialDraft({
            institutionId: 'lut',
            awardingBodies: ['lut'],
            title: `Parallel ${i} ${randomUUID().slice(0, 6)}`,
          }),
        }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
  });
});

describe('warnings', () => {
  it('name a requirement only a stand-alone credential meets, odd award sizes and a rule with no composition', async () => {
    const { id, coordinator } = await newAlliance();
    const standalone = await register(tokenOf('upm'), {
      institutionId: 'upm',
      awardingBodies: ['upm'],
      title: 'Stand-alone',
      stackability: 'standalone',
    });
    const p = await propose(id, coordinator, {
      ...pairRule(),
      ects: { min: 10, max: 60 },
      requirements: [{ id: 'capstone', title: 'Capstone', from: { credentials: [standalone.id] }, minCount: 1 }],
    });
    expect(p.rule.modules).not.toContain(`${standalone.id}@1`);
    const rules = p.warnings?.map((w) => w.rule);
    expect(rules).toEqual(expect.arrayContaining(['requirements.capstone', 'composition']));
    const tiny = await propose(id, coordinator, pairRule(undefined, { ects: { min: 5, max: 5 }, institutions: [] }));
    expect(tiny.warnings?.map((w) => w.rule)).toContain('ects');
    const huge = await propose(
      id,
      coordinator,
      pairRule(undefined, { ects: { min: 120, max: 120 }, institutions: [] }),
    );
    expect(huge.warnings?.map((w) => w.rule)).toContain('ects');
    const master = await propose(
      id,
      coordinator,
      pairRule(undefined, { award: 'joint-master', ects: { min: 30, max: 30 }, institutions: [] }),
    );
    expect(master.warnings?.map((w) => w.rule)).toEqual(['ects']);
    expect((await api.call('GET', `/programmes/${master.id}/versions/1`)).body.warnings).toEqual(master.warnings);
  });
});

describe('preview', () => {
  it('gives the exact counts before and after, the modules added and removed, and writes nothing', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule(LUH.map((m) => `${m}@1`)));
    const rule = pairRule(
      [...LUH.slice(0, 3), 'lut-computer-vision'].map((m) => `${m}@1`),
      { title: 'Fewer' },
    );
    const res = await api.call('POST', `/programmes/${p.id}/preview`, { token: tokenOf('lut'), body: { rule } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      current: { version: 1, total: '10', exact: true },
      proposed: { total: '3', exact: true },
      modules: { added: ['lut-computer-vision@1'], removed: ['luh-optimisation@1', 'luh-research-methods@1'] },
      warnings: [],
    });
    const after = (await api.call('GET', `/programmes/${p.id}`)).body;
    expect(after).toMatchObject({ currentVersion: 1, historyCount: 1 });
    const anonymous = await api.call('POST', `/programmes/${p.id}/preview`, { body: { rule } });
    expect(anonymous.status).toBe(401);
    const bad = await api.call('POST', `/programmes/${p.id}/preview`, {
      token: coordinator,
      body: { rule: { ...rule, ects: { min: 10 } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('rule.ects.max');
  });
});

describe('comments', () => {
  it('land in the history with author and version; an approval may carry one', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule());
    const said = await api.call('POST', `/programmes/${p.id}/comments`, {
      token: tokenOf('upm'),
      body: { version: 1, text: 'UPM offers no module here' },
    });
    expect(said.status).toBe(201);
    expect(said.body.history.at(-1)).toMatchObject({
      type: 'commented',
      version: 1,
      institutionId: 'upm',
      actor: expect.any(String),
      comment: 'UPM offers no module here',
    });
    const approved = await api.call('POST', `/programmes/${p.id}/approvals`, {
      token: tokenOf('luh'),
      body: { version: 1, contentHash: p.contentHash, comment: 'Fine by LUH' },
    });
    expect(approved.body.history.at(-1)).toMatchObject({
      type: 'approved',
      institutionId: 'luh',
      comment: 'Fine by LUH',
    });
  });

  it('refuse a version that does not exist, an empty text, an outsider and a withdrawn programme', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule());
    const future = await api.call('POST', `/programmes/${p.id}/comments`, {
      token: coordinator,
      body: { version: 2, text: 'x' },
    });
    expect(future.status).toBe(400);
    expect(future.body.error.details[0].path).toBe('version');
    const empty = await api.call('POST', `/programmes/${p.id}/comments`, {
      token: coordinator,
      body: { version: 1, text: ' ' },
    });
    expect(empty.body.error.details[0].path).toBe('text');
    const outsider = await api.call('POST', `/programmes/${p.id}/comments`, {
      token: await api.token({ role: 'institution', id: 'elsewhere' }),
      body: { version: 1, text: 'x' },
    });
    expect(outsider.status).toBe(403);
    await api.call('POST', `/programmes/${p.id}/withdraw`, { token: coordinator, body: { reason: 'Done' } });
    expect(
      (await api.call('POST', `/programmes/${p.id}/comments`, { token: coordinator, body: { version: 1, text: 'x' } }))
        .status,
    ).toBe(409);
  });

  it('posted at once by five partners all land, each under its own number', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule());
    const answers = await Promise.all(
      MEMBERS.map((m) =>
        api.call('POST', `/programmes/${p.id}/comments`, {
          token: tokenOf(m),
          body: { version: 1, text: `From ${m}` },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(MEMBERS.map(() => 201));
    const history = (await api.call('GET', `/programmes/${p.id}`)).body.history as { seq: number; type: string }[];
    const comments = history.filter((e) => e.type === 'commented');
    expect(comments).toHaveLength(5);
    expect(new Set(history.map((e) => e.seq)).size).toBe(history.length);
  });
});

describe('growth', () => {
  it('reads the newest versions and history only, and pages the rest', async () => {
    const { id, coordinator } = await newAlliance();
    const p = await propose(id, coordinator, pairRule(LUH.map((m) => `${m}@1`)));
    for (let v = 1; v <= 7; v++) {
      const res = await api.call('POST', `/programmes/${p.id}/versions`, {
        token: coordinator,
        body: {
          baseVersion: v,
          rule: pairRule(
            LUH.map((m) => `${m}@1`),
            { title: `V${v + 1}` },
          ),
        },
      });
      expect(res.status).toBe(201);
    }
    for (let i = 0; i < 50; i++) {
      expect(
        (
          await api.call('POST', `/programmes/${p.id}/comments`, {
            token: coordinator,
            body: { version: 8, text: `Note ${i}` },
          })
        ).status,
      ).toBe(201);
    }
    const read = (await api.call('GET', `/programmes/${p.id}`)).body;
    expect(read).toMatchObject({ versionCount: 8, historyCount: 58 });
    expect(read.versions.map((v: { version: number }) => v.version)).toEqual([4, 5, 6, 7, 8]);
    expect(read.history).toHaveLength(50);
    expect(read.history.at(-1).seq).toBe(58);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call(
        'GET',
        `/programmes/${p.id}/history?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((e: { seq: number }) => e.seq));
      cursor = page.body.cursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 58 }, (_, i) => 58 - i));
  }, 60_000);

  it('refuses a rule larger than 128 KB with 400 naming rule', async () => {
    const { id, coordinator } = await newAlliance();
    const modules = Array.from(
      { length: 4000 },
      (_, i) => `luh-a-module-with-a-rather-long-identifier-${String(i).padStart(5, '0')}@1`,
    );
    const res = await api.call('POST', `/alliances/${id}/programmes`, {
      token: coordinator,
      body: { rule: pairRule(modules) },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'rule' })]);
  });

  it('gives a programme of a 64-character alliance an id within 64 characters', async () => {
    const allianceId = `scale1000x0-b57d3f-${'x'.repeat(45)}`;
    expect(allianceId).toHaveLength(64);
    expect(
      (
        await api.call('POST', '/alliances', {
          token: operator,
          body: { id: allianceId, name: 'Scale', members: MEMBERS },
        })
      ).status,
    ).toBe(201);
    const coordinator = await api.token({ role: 'coordinator', id: allianceId });
    const p = await propose(
      allianceId,
      coordinator,
      pairRule(undefined, { title: 'Scale joint master 1000x0 b57d3f' }),
    );
    expect(p.id.length).toBeLessThanOrEqual(64);
    expect((await api.call('GET', `/programmes/${p.id}`)).status).toBe(200);
  });
});
