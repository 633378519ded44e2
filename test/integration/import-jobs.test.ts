import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportChunk } from '../../shared/app/imports/run-import-chunk.js';
import { startImport } from '../../shared/app/imports/start-import.js';
import { processImportBatch } from '../../functions/imports/worker.js';
import { MAX_DELIVERIES } from '../../shared/queue/import-message.js';
import type { Caller } from '../../shared/ports/caller.js';
import type { CredentialRepository } from '../../shared/ports/credential-repository.js';
import type { SQSEvent } from 'aws-lambda';
import { startApi, type TestApi } from '../support/api.js';

const SAMPLE = readFileSync(new URL('../../docs/sample-credentials.csv', import.meta.url), 'utf8');
const [HEADER = '', GOOD_ROW = ''] = SAMPLE.trim().split('\n');

/** `good` distinct valid rows (keys k0…), with an invalid row after every 100th and one repeated key at the end. */
const csvOf = (good: number, prefix = 'k'): { csv: string; bad: number[]; repeated: number } => {
  const lines = [HEADER];
  const bad: number[] = [];
  for (let i = 0; i < good; i++) {
    lines.push(
      GOOD_ROW.replace(/^deep-learning,Deep Learning for Engineers/, `${prefix}${i},Bulk offering ${prefix} ${i}`),
    );
    if (i % 100 === 99) {
      lines.push(`${prefix}bad${i},,Outcome,5,150,9,exam,onsite,internal,,,stackable,,,0613,en,,`);
      bad.push(lines.length);
    }
  }
  lines.push(lines[1] ?? '');
  return { csv: `${lines.join('\n')}\n`, bad, repeated: lines.length };
};

/** The real repository with another `create`: fault injection at the one call the test is about. */
const withCreate = (repository: CredentialRepository, create: CredentialRepository['create']): CredentialRepository =>
  Object.assign(Object.create(repository) as CredentialRepository, { create });

const luhCaller: Caller = { sub: 'test:luh', role: 'institution', institutionId: 'luh', allianceIds: [] };

describe('CSV import jobs', () => {
  let api: TestApi;
  let luh: string;
  const upload = (csv: string, token = luh, institution = 'luh', contentType = 'text/csv') =>
    api.call('POST', `/institutions/${institution}/imports`, {
      raw: csv,
      token,
      headers: { 'content-type': contentType },
    });
  const job = (id: string, token = luh) => api.call('GET', `/imports/${id}`, { token });
  const untilDone = async (id: string) => {
    await api.registry.imports.idle();
    return (await job(id)).body;
  };

  beforeAll(async () => {
    api = await startApi();
    luh = await api.token({ role: 'institution', id: 'luh' });
  });
  afterAll(() => api.stop());

  it('answers 202 at once, shows progress, and ends with every row accounted for', async () => {
    const { csv, bad, repeated } = csvOf(600);
    const answer = await upload(csv);
    expect(answer.status).toBe(202);
    expect(answer.headers.get('location')).toBe(`/imports/${answer.body.id}`);
    expect(answer.body).toMatchObject({
      institutionId: 'luh',
      rows: 600 + bad.length + 1,
      rejected: bad.length + 1,
      startedBy: 'institution:luh',
    });
    expect(['queued', 'running']).toContain(answer.body.status);

    // Progress is visible while the parts are written: processed only grows.
    const seen: number[] = [];
    for (let poll = 0; poll < 400; poll++) {
      const now = (await job(answer.body.id)).body;
      seen.push(now.processed);
      if (now.status === 'completed') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(607);
    expect(
      seen.some((n) => n > bad.length + 1 && n < 607),
      `no intermediate progress in ${seen.join(',')}`,
    ).toBe(true);

    const done = await untilDone(answer.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      rows: 607,
      processed: 607,
      created: 600,
      updated: 0,
      unchanged: 0,
      rejected: 7,
    });
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));

    const rejected = await api.call('GET', `/imports/${answer.body.id}/rows?outcome=rejected&limit=100`, {
      token: luh,
    });
    expect(rejected.body.items.map((r: { row: number }) => r.row)).toEqual([...bad, repeated]);
    expect(rejected.body.items[0].problems).toEqual(
      expect.arrayContaining([
        { column: 'title', message: expect.any(String) },
        { column: 'eqf_level', message: expect.any(String) },
      ]),
    );
    expect(rejected.body.items.at(-1).problems).toEqual([{ column: 'key', message: 'key repeats row 2' }]);

    // The whole report pages through in row order, one entry per row.
    const rows: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.call(
        'GET',
        `/imports/${answer.body.id}/rows?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: luh },
      );
      rows.push(...page.body.items.map((r: { row: number }) => r.row));
      cursor = page.body.cursor;
    } while (cursor);
    expect(rows).toEqual(Array.from({ length: 607 }, (_, i) => i + 2));
    expect((await api.call('GET', '/credentials/luh--k599')).body).toMatchObject({
      title: 'Bulk offering k 599',
      version: 1,
    });
  }, 120_000);

  it('writes nothing new when the same file is sent again', async () => {
    const { csv } = csvOf(120, 'again');
    const first = await untilDone((await upload(csv)).body.id);
    expect(first).toMatchObject({ status: 'completed', created: 120 });
    const second = await untilDone((await upload(csv)).body.id);
    expect(second).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: 120, rejected: 2 });
    expect((await api.call('GET', '/credentials/luh--again0')).body.version).toBe(1);
  }, 60_000);

  it('counts a part once when it is delivered twice, and keeps "created" for rows written before a crash', async () => {
    const enqueued: number[] = [];
    const deps = api.registry.deps;
    const { csv } = csvOf(30, 'crash');
    const started = await startImport(
      { ...deps, importQueue: { enqueue: async (_id, chunks) => void enqueued.push(...chunks) } },
      luhCaller,
      'luh',
      csv,
    );
    expect(enqueued).toEqual([1]);

    // The first delivery dies after ten rows: the store stops taking new credentials.
    let creates = 0;
    const crashing = {
      ...deps,
      credentials: withCreate(deps.credentials, async (c) => {
        if (++creates > 10) throw new Error('store went away');
        return deps.credentials.create(c);
      }),
    };
    await expect(runImportChunk(crashing, started.id, 1)).rejects.toThrow('store went away');
    const midway = await deps.importJobs.get(started.id);
    expect(midway).toMatchObject({ status: 'running', processed: 1, created: 0 });

    // Redelivered twice, at the same time: one delivery writes the part, the other leaves it alone.
    expect(
      (await Promise.all([runImportChunk(deps, started.id, 1), runImportChunk(deps, started.id, 1)])).sort(),
    ).toEqual(['skipped', 'written']);
    // And once more after it is done: counted once.
    expect(await runImportChunk(deps, started.id, 1)).toBe('skipped');
    expect(await deps.importJobs.get(started.id)).toMatchObject({
      status: 'completed',
      rows: 31,
      processed: 31,
      created: 30,
      unchanged: 0,
      rejected: 1,
    });
    const report = await deps.importJobs.results(started.id, { outcome: 'created' }, { limit: 100 });
    expect(report.items).toHaveLength(30);
  }, 60_000);

  it('the SQS worker drops a malformed message, hands a failed part back for redelivery, and fails the job on the last delivery', async () => {
    const deps = api.registry.deps;
    const started = await startImport(
      { ...deps, importQueue: { enqueue: async () => undefined } },
      luhCaller,
      'luh',
      csvOf(3, 'sqs').csv,
    );
    const record = (body: string, receives: number) => ({
      messageId: `m${receives}`,
      body,
      attributes: { ApproximateReceiveCount: String(receives) },
    });
    const event = (body: string, receives: number) => ({ Records: [record(body, receives)] }) as unknown as SQSEvent; // only the fields the worker reads
    expect(await processImportBatch(deps, event('not json', 1))).toEqual({ batchItemFailures: [] });

    // The store refuses every new credential (a throttled table, say): the part fails as a whole.
    const throttled = {
      ...deps,
      credentials: withCreate(deps.credentials, async () => {
        throw new Error('throttled');
      }),
    };
    const message = JSON.stringify({ jobId: started.id, chunk: 1 });
    expect(await processImportBatch(throttled, event(message, 1))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm1' }],
    });
    expect((await deps.importJobs.get(started.id))?.status).toBe('running');
    expect(await processImportBatch(throttled, event(message, MAX_DELIVERIES))).toEqual({
      batchItemFailures: [{ itemIdentifier: `m${MAX_DELIVERIES}` }],
    });
    expect(await deps.importJobs.get(started.id)).toMatchObject({
      status: 'failed',
      failure: 'part 1 could not be written: throttled',
    });
    expect((await job(started.id)).body).toMatchObject({
      status: 'failed',
      failure: 'part 1 could not be written: throttled',
    });
  }, 60_000);

  it('shows a job to its institution and the coordinators of its alliances only', async () => {
    const id = (await upload(csvOf(2, 'who').csv)).body.id;
    await api.registry.imports.idle();
    const coordinator = await api.token({ role: 'coordinator', id: 'demo' });
    const tuwien = await api.token({ role: 'institution', id: 'tuwien' });
    const student = await api.token({ role: 'student' });
    expect((await job(id, coordinator)).status).toBe(200);
    expect((await job(id, tuwien)).status).toBe(404);
    expect((await api.call('GET', `/imports/${id}/rows`, { token: tuwien })).status).toBe(404);
    expect((await job(id, student)).status).toBe(403);
    expect((await api.call('GET', `/imports/${id}`)).status).toBe(401);
    expect((await job('luh-import-unknown')).status).toBe(404);
    expect((await upload(csvOf(2, 'who').csv, tuwien)).status).toBe(403);
  });

  it('refuses a file without a required column, an oversized file, and a body that is not CSV', async () => {
    const missing = await upload(`key,title\nx,Y\n`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path)).toContain('(column) learning_outcomes');
    const big = `${HEADER}\n${`${GOOD_ROW}\n`.repeat(Math.ceil((4 * 1024 * 1024) / GOOD_ROW.length) + 10)}`;
    expect((await upload(big)).status).toBe(413);
    expect((await upload(SAMPLE, luh, 'luh', 'application/json')).status).toBe(415);
  });
});
