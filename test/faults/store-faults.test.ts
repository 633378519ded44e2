import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { registerCredential } from '../../shared/app/credentials/write-credential.js';
import { keyedIds } from '../../shared/ports/ids.js';
import { CredentialDraft } from '../../shared/schemas/credential.js';
import { ROUTES } from '../../functions/routes.js';
import { exportItems } from '../../shared/store/dynamo/backup.js';
import { startApi, type TestApi } from '../support/api.js';
import { credentialDraft } from '../support/drafts.js';

/*
 * Fault injection (STYLE §9: the one place for a stubbed store). The handlers run behind the real
 * local server; their repositories are built here around a document client whose `send` can be
 * made to fail — as the SDK surfaces a failure after its own retries — or, below the SDK's retry
 * middleware, on each attempt. The store is then read back to prove nothing was half-written.
 */
type Command = Parameters<DynamoDBDocumentClient['send']>[0];
type Fault = () => Error;
interface Rule {
  readonly when: (command: string) => boolean;
  readonly fault: Fault;
  /** `after`: the command reaches the store, then the answer is lost (e.g. a timeout on the way back). */
  readonly after?: boolean;
  times: number;
}

const throttled: Fault = () =>
  new ProvisionedThroughputExceededException({ message: 'injected: throughput exceeded', $metadata: {} });
const throttling: Fault = () => Object.assign(new Error('injected: rate exceeded'), { name: 'ThrottlingException' });
const timeout: Fault = () => Object.assign(new Error('injected: socket timed out'), { name: 'TimeoutError' });
const conditionFailed: Fault = () =>
  new TransactionCanceledException({
    message: 'injected',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
  });
const FAULTS = {
  ProvisionedThroughputExceededException: throttled,
  ThrottlingException: throttling,
  TimeoutError: timeout,
};

let api: TestApi;
let doc: DynamoDBDocumentClient;
let rules: Rule[] = [];
let sent: string[] = [];

const inject = (when: Rule['when'], fault: Fault, options: { times?: number; after?: boolean } = {}) =>
  rules.push({ when, fault, times: options.times ?? Infinity, ...(options.after ? { after: true } : {}) });
const any = () => true;
const named =
  (...names: string[]) =>
  (command: string) =>
    names.includes(command);

const wrap = (client: DynamoDBDocumentClient): DynamoDBDocumentClient => {
  const send = client.send.bind(client) as (command: Command) => Promise<unknown>;
  const faulty = async (command: Command) => {
    const name = command.constructor.name;
    sent.push(name);
    const rule = rules.find((r) => r.times > 0 && r.when(name));
    if (rule) rule.times -= 1;
    if (rule && !rule.after) throw rule.fault();
    const output = await send(command);
    if (rule?.after) throw rule.fault();
    return output;
  };
  // The cast: `send` is overloaded (promise and callback forms); the handlers use only the promise form.
  client.send = faulty as DynamoDBDocumentClient['send'];
  return client;
};

let luh: string;
let coordinator: string;
let operator: string;
let rule: Record<string, unknown>;

const draft = (title = `Fault credential ${randomUUID().slice(0, 6)}`) =>
  credentialDraft({ title, learningOutcomes: ['Recover from failures'] });
const newCredential = async () =>
  (await api.call('POST', '/credentials', { token: luh, body: draft() })).body.id as string;
const newProgramme = async () => {
  const res = await api.call('POST', '/alliances/demo/programmes', {
    token: coordinator,
    body: { rule: { ...rule, title: `Fault programme ${randomUUID().slice(0, 8)}` } },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; contentHash: string };
};
/** Every item of the table, read straight from the store (the backup scan: this is a test, not a request path). */
const storeItems = async () => {
  const items: Record<string, unknown>[] = [];
  for await (const item of exportItems(doc, api.registry.tableName)) items.push(item);
  return items;
};

beforeAll(async () => {
  // The server's own store client, wrapped: only this server's requests meet the injected faults.
  api = await startApi({ wrapStore: (client) => (doc = wrap(client)) });
  luh = await api.token({ role: 'institution', id: 'luh' });
  coordinator = await api.token({ role: 'coordinator', id: 'demo' });
  operator = await api.token({ role: 'operator' });
  rule = (await api.call('GET', '/programmes/demo-joint-master/versions/1')).body.rule;
});
afterEach(() => {
  rules = [];
  sent = [];
});
afterAll(async () => {
  await api.stop();
});

describe('a throttled or unreachable store', () => {
  it('makes every route that touches the store answer 503 UNAVAILABLE with Retry-After', async () => {
    // One representative, permitted request per route; objects that writes act on are made first.
    const credentialId = await newCredential();
    const programme = await newProgramme();
    const requests: Record<
      string,
      { path: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> }
    > = {
      'POST /institutions': {
        path: '/institutions',
        token: operator,
        body: { id: `f-${randomUUID().slice(0, 6)}`, name: 'Fault U', country: 'DE', kind: 'hei' },
      },
      'POST /alliances': {
        path: '/alliances',
        token: operator,
        body: { id: `f-${randomUUID().slice(0, 6)}`, name: 'Fault A', members: ['luh'] },
      },
      'PUT /alliances/{id}/members/{institutionId}': { path: '/alliances/demo/members/luh', token: operator },
      'POST /alliances/{id}/members/{institutionId}/accept': { path: '/alliances/demo/members/luh/accept', token: luh },
      'POST /credentials': { path: '/credentials', token: luh, body: draft() },
      'POST /credentials/validate': { path: '/credentials/validate', body: draft() },
      'PUT /credentials/{id}': {
        path: `/credentials/${credentialId}`,
        token: luh,
        body: draft(),
        headers: { 'if-match': '1' },
      },
      'POST /credentials/{id}/retire': { path: `/credentials/${credentialId}/retire`, token: luh },
      'POST /credentials/{id}/confirm': {
        path: `/credentials/${credentialId}/confirm`,
        token: luh,
        body: { version: 1 },
      },
      'POST /alliances/{id}/programmes': { path: '/alliances/demo/programmes', token: coordinator, body: { rule } },
      'POST /programmes/{id}/versions': {
        path: `/programmes/${programme.id}/versions`,
        token: coordinator,
        body: { baseVersion: 1, rule },
      },
      'POST /programmes/{id}/approvals': {
        path: `/programmes/${programme.id}/approvals`,
        token: luh,
        body: { version: 1, contentHash: programme.contentHash },
      },
      'POST /programmes/{id}/withdraw': {
        path: `/programmes/${programme.id}/withdraw`,
        token: coordinator,
        body: { reason: 'Fault test' },
      },
      'POST /programmes/{id}/preview': {
        path: `/programmes/${programme.id}/preview`,
        token: coordinator,
        body: { rule },
      },
      'POST /programmes/{id}/comments': {
        path: `/programmes/${programme.id}/comments`,
        token: coordinator,
        body: { version: 1, text: 'Fault test' },
      },
      'POST /programmes/{id}/stackability': {
        path: '/programmes/demo-joint-master/stackability',
        body: { credentials: ['luh-machine-learning'] },
      },
      'POST /programmes/{id}/eligibility': {
        path: '/programmes/demo-joint-master/eligibility',
        body: { achievements: [] },
      },
      'POST /programmes/{id}/pathways': {
        path: '/programmes/demo-micro-degree-data-science/pathways',
        body: { limit: 1 },
      },
      'POST /interoperability': {
        path: '/interoperability',
        body: { credential: 'luh-machine-learning', target: { institutionId: 'lut' } },
      },
      // A coordinator's right to an institution's credentials is read from the store.
      'POST /institutions/{id}/credentials/import': {
        path: '/institutions/luh/credentials/import',
        token: coordinator,
        raw: 'title\n',
        headers: { 'content-type': 'text/csv' },
      },
      'POST /institutions/{id}/imports': {
        path: '/institutions/luh/imports',
        token: coordinator,
        raw: 'title\n',
        headers: { 'content-type': 'text/csv' },
      },
      'GET /imports/{id}': { path: '/imports/luh-import-fault', token: luh },
      'GET /imports/{id}/rows': { path: '/imports/luh-import-fault/rows', token: luh },
      'POST /eligibility': { path: '/eligibility', body: { achievements: [], allianceId: 'demo' } },
      'POST /plans': { path: '/plans', body: { programmeId: 'demo-joint-master', achievements: [] } },
      'GET /plans/{id}': { path: `/plans/${'A'.repeat(22)}` },
      'DELETE /plans/{id}': { path: `/plans/${'A'.repeat(22)}`, headers: { 'plan-key': 'A'.repeat(43) } },
    };
    const samples: Record<string, string> = {
      id: 'luh-machine-learning',
      n: '1',
      institutionId: 'luh',
    };
    const kinds = Object.entries(FAULTS);
    const answers: string[] = [];
    for (const [i, route] of ROUTES.entries()) {
      const key = `${route.method} ${route.path}`;
      const fill = (path: string) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'id' && path.startsWith('/programmes')
            ? 'demo-joint-master'
            : name === 'id' && path.startsWith('/alliances')
              ? 'demo'
              : (samples[name] ?? ''),
        );
      const request = requests[key] ?? {
        path: `${fill(route.path)}${route.path.endsWith('/export') ? '?format=ob3' : ''}`,
      };
      const [kind, fault] = kinds[i % kinds.length] ?? ['', throttled];
      rules = [];
      sent = [];
      inject(any, fault);
      const res = await api.call(route.method, request.path, {
        ...(request.token ? { token: request.token } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(request.raw !== undefined ? { raw: request.raw } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
      });
      const touched = sent.length > 0;
      answers.push(
        `${key} [${kind}] → ${res.status} ${res.body?.error?.code ?? ''} retry-after=${res.headers.get('retry-after') ?? '-'}${touched ? '' : ' (no store access)'}`,
      );
    }
    const expected = answers.map((a) =>
      a.endsWith('(no store access)') ? a : a.replace(/→ .*$/, '→ 503 UNAVAILABLE retry-after=1'),
    );
    expect(answers).toEqual(expected);
    expect(answers.filter((a) => a.endsWith('(no store access)')).map((a) => a.split(' [')[0])).toEqual([
      'GET /health',
      'GET /openapi.json',
    ]);
  });

  it('keeps no plan whose write was throttled', async () => {
    inject(named('PutCommand'), throttled);
    const res = await api.call('POST', '/plans', { body: { programmeId: 'demo-joint-master', achievements: [] } });
    expect(res.status).toBe(503);
    rules = [];
    expect((await storeItems()).filter((i) => String(i.pk).startsWith('PLAN#'))).toEqual([]);
  });

  it('lists no programme whose proposal transaction was throttled, though its module entries were written first', async () => {
    const before = (await api.call('GET', '/credentials/luh-machine-learning/programmes')).body.items.length;
    const entries = async () => (await storeItems()).filter((i) => i.pk === 'MODULE#luh-machine-learning').length;
    const entriesBefore = await entries();
    inject(named('TransactWriteCommand'), throttled);
    const res = await api.call('POST', '/alliances/demo/programmes', {
      token: coordinator,
      body: { rule: { ...rule, title: `Throttled ${randomUUID().slice(0, 8)}` } },
    });
    expect(res.status).toBe(503);
    rules = [];
    expect(await entries()).toBe(entriesBefore + 1);
    expect((await api.call('GET', '/credentials/luh-machine-learning/programmes')).body.items.length).toBe(before);
  });

  it('leaves no trace of a credential whose create transaction was throttled', async () => {
    const title = `Throttled ${randomUUID()}`;
    inject(named('TransactWriteCommand'), throttled);
    const res = await api.call('POST', '/credentials', { token: luh, body: draft(title) });
    expect(res.status).toBe(503);
    rules = [];
    const items = await storeItems();
    expect(items.filter((i) => JSON.stringify(i).includes(title))).toEqual([]);
  });

  it('stores a whole credential — head, version and catalogue entries — when only the answer was lost', async () => {
    const title = `Lost answer ${randomUUID()}`;
    inject(named('TransactWriteCommand'), timeout, { after: true, times: 1 });
    const res = await api.call('POST', '/credentials', { token: luh, body: draft(title) });
    expect(res.status).toBe(503);
    const items = (await storeItems()).filter((i) => JSON.stringify(i).includes(title));
    const pk = items.find((i) => i.sk === 'HEAD')?.pk;
    expect(pk).toBeDefined();
    const sks = items
      .filter((i) => i.pk === pk)
      .map((i) => i.sk)
      .sort();
    expect(sks).toEqual(['HEAD', 'V#000001']);
    // Level, subject and skill entries carry a projection without the title: find entries by id.
    const id = String(pk).slice('CRED#'.length);
    expect(
      (await storeItems()).filter((i) => String(i.pk).startsWith('CAT#') && i.sk === id).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('answers the retry of a keyed create whose answer was lost with the credential it wrote, and writes no second one', async () => {
    const title = `Lost and retried ${randomUUID()}`;
    const key = randomUUID();
    inject(named('TransactWriteCommand'), timeout, { after: true, times: 1 });
    const lost = await api.call('POST', '/credentials', {
      token: luh,
      body: draft(title),
      headers: { 'idempotency-key': key },
    });
    expect(lost.status).toBe(503);
    rules = [];
    const retry = await api.call('POST', '/credentials', {
      token: luh,
      body: draft(title),
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ title, version: 1 });
    const heads = (await storeItems()).filter((i) => i.sk === 'HEAD' && JSON.stringify(i).includes(title));
    expect(heads.map((h) => h.pk)).toEqual([`CRED#${retry.body.id}`]);
    // And the answer is kept now: a third try is a replay.
    const replay = await api.call('POST', '/credentials', {
      token: luh,
      body: draft(title),
      headers: { 'idempotency-key': key },
    });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(retry.body.id);
  });

  it('answers the retry of a keyed proposal whose answer was lost with the programme it wrote', async () => {
    const key = randomUUID();
    const body = { rule: { ...rule, title: `Lost proposal ${randomUUID().slice(0, 8)}` } };
    inject(named('TransactWriteCommand'), timeout, { after: true, times: 1 });
    expect(
      (
        await api.call('POST', '/alliances/demo/programmes', {
          token: coordinator,
          body,
          headers: { 'idempotency-key': key },
        })
      ).status,
    ).toBe(503);
    rules = [];
    const retry = await api.call('POST', '/alliances/demo/programmes', {
      token: coordinator,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(201);
    const listed = await api.call('GET', '/alliances/demo/programmes?limit=100');
    expect(
      listed.body.items.filter((p: { title: string }) => p.title === body.rule.title).map((p: { id: string }) => p.id),
    ).toEqual([retry.body.id]);
  });

  it('treats a create under a taken id as written only when the id holds this very offering', async () => {
    // Two writes with the same key seed name the same credential (a key reused after it expired, say).
    const deps = { ...api.registry.deps, ids: keyedIds(`luh\n${randomUUID()}`) };
    const caller = { sub: 'luh', role: 'institution' as const, institutionId: 'luh', allianceIds: [] };
    const first = await registerCredential(deps, caller, CredentialDraft.parse(draft('Same title')));
    const again = await registerCredential(deps, caller, CredentialDraft.parse(draft('Same title')));
    expect(again.credential).toEqual(first.credential);
    const other = CredentialDraft.parse({ ...draft('Same title'), learningOutcomes: ['Something else entirely'] });
    await expect(registerCredential(deps, caller, other)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await api.registry.deps.credentials.get(first.credential.id))?.credential).toEqual(first.credential);
  });

  it('records neither the approval nor its history event when the approval transaction times out', async () => {
    const programme = await newProgramme();
    const before = await api.call('GET', `/programmes/${programme.id}`);
    inject(named('TransactWriteCommand'), timeout);
    const res = await api.call('POST', `/programmes/${programme.id}/approvals`, {
      token: luh,
      body: { version: 1, contentHash: programme.contentHash },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    rules = [];
    const after = await api.call('GET', `/programmes/${programme.id}`);
    expect(after.body.approvals).toEqual({});
    expect(after.body).toEqual(before.body);
    const events = (await storeItems()).filter(
      (i) => i.pk === `PROG#${programme.id}` && String(i.sk).startsWith('EVT#'),
    );
    expect(events.map((e) => e.sk)).toEqual(['EVT#000001']);
  });

  it('keeps a new programme version and its cleared approvals together when the amendment is throttled', async () => {
    const programme = await newProgramme();
    expect(
      (
        await api.call('POST', `/programmes/${programme.id}/approvals`, {
          token: luh,
          body: { version: 1, contentHash: programme.contentHash },
        })
      ).status,
    ).toBe(200);
    inject(named('TransactWriteCommand'), throttled);
    const res = await api.call('POST', `/programmes/${programme.id}/versions`, {
      token: coordinator,
      body: { baseVersion: 1, rule: { ...rule, title: 'Amended under throttling' } },
    });
    expect(res.status).toBe(503);
    rules = [];
    const after = await api.call('GET', `/programmes/${programme.id}`);
    expect(after.body).toMatchObject({
      currentVersion: 1,
      approvals: { luh: expect.objectContaining({ version: 1 }) },
    });
    expect((await api.call('GET', `/programmes/${programme.id}/versions/2`)).status).toBe(404);
  });
});

describe('a failed condition', () => {
  it('re-decides an approval whose transaction lost a race once, and records it once', async () => {
    const programme = await newProgramme();
    inject(named('TransactWriteCommand'), conditionFailed, { times: 1 });
    const res = await api.call('POST', `/programmes/${programme.id}/approvals`, {
      token: luh,
      body: { version: 1, contentHash: programme.contentHash },
    });
    expect(res.status).toBe(200);
    const events = (await storeItems()).filter(
      (i) => i.pk === `PROG#${programme.id}` && String(i.sk).startsWith('EVT#'),
    );
    expect(events).toHaveLength(2);
  });

  it('answers 409 CONFLICT when the condition keeps failing, and writes nothing', async () => {
    const programme = await newProgramme();
    inject(named('TransactWriteCommand'), conditionFailed);
    const res = await api.call('POST', `/programmes/${programme.id}/approvals`, {
      token: luh,
      body: { version: 1, contentHash: programme.contentHash },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    rules = [];
    expect((await api.call('GET', `/programmes/${programme.id}`)).body.approvals).toEqual({});
  });

  it('says when to retry a lost race, and does not keep that 409 for its Idempotency-Key', async () => {
    const programme = await newProgramme();
    const request = {
      token: luh,
      body: { version: 1, contentHash: programme.contentHash },
      headers: { 'idempotency-key': randomUUID() },
    };
    inject(named('TransactWriteCommand'), conditionFailed);
    const lost = await api.call('POST', `/programmes/${programme.id}/approvals`, request);
    expect(lost.status).toBe(409);
    expect(lost.headers.get('retry-after')).toBe('1');
    rules = [];
    const retried = await api.call('POST', `/programmes/${programme.id}/approvals`, request);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('answers 409 CONFLICT to a credential update whose revision condition failed, and keeps version 1', async () => {
    const id = await newCredential();
    inject(named('TransactWriteCommand'), conditionFailed);
    const res = await api.call('PUT', `/credentials/${id}`, {
      token: luh,
      body: draft('Updated under a race'),
      headers: { 'if-match': '1' },
    });
    expect(res.status).toBe(409);
    rules = [];
    expect((await api.call('GET', `/credentials/${id}`)).body).toMatchObject({ version: 1 });
    expect((await api.call('GET', `/credentials/${id}/versions/2`)).status).toBe(404);
  });

  it('answers 409 to an institution create whose condition failed', async () => {
    inject(named('PutCommand'), () => new ConditionalCheckFailedException({ message: 'injected', $metadata: {} }));
    const res = await api.call('POST', '/institutions', {
      token: operator,
      body: { id: `c-${randomUUID().slice(0, 6)}`, name: 'Race U', country: 'DE', kind: 'hei' },
    });
    expect(res.status).toBe(409);
  });
});

describe('the SDK retry settings (shared/store/dynamo/client.ts)', () => {
  // Below the retry middleware: each attempt meets the fault, as a throttled table would answer.
  const attempts: string[] = [];
  let failFirst = 0;
  beforeAll(() => {
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        attempts.push(String(context.commandName));
        if (failFirst > 0) {
          failFirst -= 1;
          throw throttled();
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'injectThrottling' },
    );
  });
  afterEach(() => {
    attempts.length = 0;
    failFirst = 0;
  });

  it('cures a single throttled attempt with a retry, invisibly to the client', async () => {
    failFirst = 1;
    const res = await api.call('GET', '/institutions/luh');
    expect(res.status).toBe(200);
    expect(attempts).toEqual(['GetItemCommand', 'GetItemCommand']);
  });

  it('gives up after 3 attempts and answers 503', async () => {
    failFirst = 3;
    const res = await api.call('GET', '/institutions/luh');
    expect(res.status).toBe(503);
    expect(attempts).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand']);
  });
});
