import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/store/dynamo/client.js';
import { backfillModuleIndex } from '../../shared/store/dynamo/module-index-backfill.js';
import { startApi, type TestApi } from '../support/api.js';

/* SPEC §4 GET /credentials/{id}/programmes: where a credential counts, from an index kept at write time. */
let api: TestApi;
let coordinator: string;

/** A micro-degree of three LUH and LUT modules, proposed in the demo alliance (negotiating). */
const microDegree = (title: string, modules: string[]) => ({
  title,
  award: 'micro-degree',
  eqfLevel: 7,
  ects: { min: 10, max: 15 },
  components: { eqfMin: 7 },
  modules,
});

const whereItCounts = async (id: string) => {
  const res = await api.call('GET', `/credentials/${id}/programmes`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as {
    programmeId: string;
    title: string;
    status: string;
    compositions: string;
    exact: boolean;
  }[];
};

const indexEntry = async (credentialId: string, programmeId: string) => {
  const doc = createDocumentClient({ tableName: api.registry.tableName, endpoint: api.registry.endpoint });
  const { Item } = await doc.send(
    new GetCommand({ TableName: api.registry.tableName, Key: { pk: `MODULE#${credentialId}`, sk: programmeId } }),
  );
  return Item;
};

beforeAll(async () => {
  api = await startApi();
  coordinator = await api.token({ role: 'coordinator', id: 'demo' });
});
afterAll(() => api.stop());

describe('where a credential counts', () => {
  it('lists the agreed joint master with the exact number of its compositions containing the credential', async () => {
    const items = await whereItCounts('upm-ai-ethics');
    const master = items.find((i) => i.programmeId === 'demo-joint-master');
    expect(master).toMatchObject({ title: expect.any(String), status: 'agreed', exact: true });
    const pathways = await api.call('POST', '/programmes/demo-joint-master/pathways', {
      body: { include: ['upm-ai-ethics'], limit: 1 },
    });
    expect(master?.compositions).toBe(pathways.body.total);
    expect(BigInt(master?.compositions ?? '0')).toBeGreaterThan(0n);
  });

  it('lists every programme whose current version lists the credential, and only those', async () => {
    const items = await whereItCounts('luh-machine-learning');
    expect(items.map((i) => i.programmeId).sort()).toEqual(['demo-joint-master', 'demo-micro-degree-data-science']);
    const upm = await whereItCounts('upm-water-engineering');
    expect(upm.map((i) => i.programmeId)).toEqual(['demo-joint-master']);
  });

  it('adds a proposal under negotiation to the credentials it lists, with its compositions', async () => {
    const modules = ['luh-machine-learning@1', 'luh-data-engineering@1', 'lut-computer-vision@1'];
    const proposed = await api.call('POST', '/alliances/demo/programmes', {
      token: coordinator,
      body: { rule: microDegree('Vision micro-degree', modules) },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const items = await whereItCounts('lut-computer-vision');
    // Two or three of the three 5 ECTS modules make 10–15 ECTS: {ML, CV}, {DE, CV}, {ML, DE, CV} contain computer vision.
    expect(items.find((i) => i.programmeId === proposed.body.id)).toMatchObject({
      title: 'Vision micro-degree',
      status: 'negotiating',
      compositions: '3',
      exact: true,
    });
    expect((await whereItCounts('upm-ai-ethics')).map((i) => i.programmeId)).not.toContain(proposed.body.id);
  });

  it('drops a programme from a credential its amendment no longer lists, and removes the index entry', async () => {
    const proposed = await api.call('POST', '/alliances/demo/programmes', {
      token: coordinator,
      body: {
        rule: microDegree('Energy micro-degree', [
          'lut-energy-systems@1',
          'luh-optimisation@1',
          'luh-data-engineering@1',
        ]),
      },
    });
    expect(proposed.status).toBe(201);
    expect((await whereItCounts('lut-energy-systems')).map((i) => i.programmeId)).toContain(proposed.body.id);
    const amended = await api.call('POST', `/programmes/${proposed.body.id}/versions`, {
      token: coordinator,
      body: {
        baseVersion: 1,
        rule: microDegree('Energy micro-degree', [
          'luh-optimisation@1',
          'luh-data-engineering@1',
          'lut-computer-vision@1',
        ]),
      },
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(201);
    expect((await whereItCounts('lut-energy-systems')).map((i) => i.programmeId)).not.toContain(proposed.body.id);
    expect(await indexEntry('lut-energy-systems', proposed.body.id)).toBeUndefined();
    expect(await indexEntry('lut-computer-vision', proposed.body.id)).toMatchObject({
      programmeId: proposed.body.id,
      version: 2,
    });
    expect((await whereItCounts('lut-computer-vision')).find((i) => i.programmeId === proposed.body.id)).toMatchObject({
      compositions: '3',
    });
  });

  it('answers an empty list for a credential no programme lists', async () => {
    const luh = await api.token({ role: 'institution', id: 'luh' });
    const created = await api.call('POST', '/credentials', {
      token: luh,
      body: {
        institutionId: 'luh',
        awardingBodies: ['luh'],
        title: 'Unlisted seminar',
        learningOutcomes: ['Discuss'],
        ects: 5,
        eqfLevel: 7,
        assessment: 'oral',
        participation: 'onsite',
        qualityAssurance: 'external-esg',
        stackability: 'stackable',
      },
    });
    expect(created.status).toBe(201);
    expect(await whereItCounts(created.body.id)).toEqual([]);
  });

  it('answers 404 for a credential that does not exist, and 400 for a query parameter it does not take', async () => {
    expect((await api.call('GET', '/credentials/luh-nothing/programmes')).status).toBe(404);
    const res = await api.call('GET', '/credentials/luh-machine-learning/programmes?status=agreed');
    expect(res.status).toBe(400);
  });
});

describe('building the index for programmes written before it', () => {
  it('lists every programme again once the backfill has run over a table without the index', async () => {
    const doc = createDocumentClient({ tableName: api.registry.tableName, endpoint: api.registry.endpoint });
    const table = api.registry.tableName;
    const partitions = ['MODULE#luh-machine-learning', 'PROGRAMMES'];
    for (const pk of partitions) {
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      );
      for (const item of Items)
        await doc.send(new DeleteCommand({ TableName: table, Key: { pk: item.pk, sk: item.sk } }));
    }
    expect(await whereItCounts('luh-machine-learning')).toEqual([]);
    const report = await backfillModuleIndex(doc, table);
    expect(report.programmes).toBeGreaterThanOrEqual(2);
    expect((await whereItCounts('luh-machine-learning')).map((i) => i.programmeId)).toEqual(
      expect.arrayContaining(['demo-joint-master', 'demo-micro-degree-data-science']),
    );
    const closest = await api.call('POST', '/eligibility', { body: { achievements: [] } });
    expect(closest.body.items.map((i: { programmeId: string }) => i.programmeId)).toEqual(
      expect.arrayContaining(['demo-joint-master', 'demo-micro-degree-data-science']),
    );
  });
});
