import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRegistry } from '../../functions/local/registry.js';
import { readJsonLines, writeJsonLines } from '../../scripts/export.js';
import { exportItems, importItems, NotEmptyError, type Item } from '../../shared/store/dynamo/backup.js';
import { createDocumentClient } from '../../shared/store/dynamo/client.js';
import { ensureTable } from '../../shared/store/dynamo/ensure-table.js';
import { draftOf } from '../../shared/schemas/credential.js';
import { startApi, type TestApi } from '../support/api.js';

let api: TestApi;
let programmeId: string;
const byKey = (a: Item, b: Item) =>
  `${String(a.pk)}\u0000${String(a.sk)}`.localeCompare(`${String(b.pk)}\u0000${String(b.sk)}`);

const toJsonLines = async (items: AsyncIterable<Item>): Promise<string> => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeJsonLines(items, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
};

const collect = async (items: AsyncIterable<Item>) => {
  const all: Item[] = [];
  for await (const item of items) all.push(item);
  return all.sort(byKey);
};

beforeAll(async () => {
  // The seeded demo holds credentials, two agreed programmes with approvals and history; add a
  // second credential version and a programme with two versions and one approval under negotiation.
  api = await startApi();
  const luh = await api.token({ role: 'institution', id: 'luh' });
  const coordinator = await api.token({ role: 'coordinator', id: 'demo' });
  const current = await api.call('GET', '/credentials/luh-optimisation');
  const draft = draftOf(current.body);
  const updated = await api.call('PUT', '/credentials/luh-optimisation', {
    token: luh,
    body: { ...draft, title: 'Mathematical Optimisation II' },
    headers: { 'if-match': '1' },
  });
  expect(updated.status).toBe(200);
  const master = await api.call('GET', '/programmes/demo-joint-master');
  const rule = { ...master.body.versions[0].rule, title: `Backup test ${randomUUID().slice(0, 6)}` };
  const proposed = await api.call('POST', '/alliances/demo/programmes', { token: coordinator, body: { rule } });
  expect(proposed.status).toBe(201);
  programmeId = proposed.body.id;
  const amended = await api.call('POST', `/programmes/${programmeId}/versions`, {
    token: coordinator,
    body: { baseVersion: 1, rule: { ...rule, ects: { min: 55, max: 60 } } },
  });
  expect(amended.status).toBe(201);
  const approved = await api.call('POST', `/programmes/${programmeId}/approvals`, {
    token: luh,
    body: { version: 2, contentHash: amended.body.contentHash },
  });
  expect(approved.status).toBe(200);
});
afterAll(() => api.stop());

describe('export and import', () => {
  it('restores every item of the registry into an empty table, identical item by item', async () => {
    const { endpoint, tableName } = api.registry;
    const doc = createDocumentClient({ tableName, endpoint });
    const lines = await toJsonLines(exportItems(doc, tableName));
    const restoredTable = `restored-${randomUUID()}`;
    await ensureTable(doc, restoredTable);
    const written = await importItems(doc, restoredTable, readJsonLines(PassThrough.from([lines])));

    const original = await collect(exportItems(doc, tableName));
    const restored = await collect(exportItems(doc, restoredTable));
    expect(written).toBe(original.length);
    expect(restored).toEqual(original);
    // What the round trip must carry: credential versions, programme versions, approvals and history.
    const sks = (pk: string) => restored.filter((i) => i.pk === pk).map((i) => String(i.sk));
    expect(sks('CRED#luh-optimisation')).toEqual(expect.arrayContaining(['HEAD', 'V#000001', 'V#000002']));
    expect(sks(`PROG#${programmeId}`)).toEqual(
      expect.arrayContaining(['HEAD', 'V#000001', 'V#000002', 'EVT#000001', 'EVT#000002', 'EVT#000003']),
    );
    doc.destroy();
  });

  it('refuses to import into a table that holds anything', async () => {
    const { endpoint, tableName } = api.registry;
    const doc = createDocumentClient({ tableName, endpoint });
    await expect(importItems(doc, tableName, [{ pk: 'X', sk: 'Y' }])).rejects.toBeInstanceOf(NotEmptyError);
    doc.destroy();
  });

  it('serves the restored table with the same answers', async () => {
    const { endpoint, tableName } = api.registry;
    const doc = createDocumentClient({ tableName, endpoint });
    const restoredTable = `restored-${randomUUID()}`;
    await ensureTable(doc, restoredTable);
    await importItems(doc, restoredTable, exportItems(doc, tableName));
    doc.destroy();
    const before = await api.call('GET', `/programmes/${programmeId}`);
    const master = await api.call('GET', '/programmes/demo-joint-master');
    // A second registry on the restored table; it repoints the process-wide deps, so this test comes last.
    const restored = await startLocalRegistry({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'registry-restore-')),
      inMemory: true,
      seed: false,
      endpoint,
      tableName: restoredTable,
    });
    try {
      const get = async (path: string) => (await fetch(`${restored.url}${path}`)).json();
      expect(await get(`/programmes/${programmeId}`)).toEqual(before.body);
      expect(await get('/programmes/demo-joint-master')).toEqual(master.body);
      expect(await get('/credentials/luh-optimisation')).toMatchObject({
        version: 2,
        title: 'Mathematical Optimisation II',
      });
    } finally {
      await restored.stop();
    }
  });
});
