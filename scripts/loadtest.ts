import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '../functions/local/dynamo-local.js';
import { startLocalRegistry } from '../functions/local/registry.js';
import { createDocumentClient } from '../shared/store/dynamo/client.js';
import { keys } from '../shared/store/dynamo/keys.js';
import { quietRequestLog } from './measuring.js';

/*
 * `npm run loadtest`: autocannon against the local server (seeded, in-memory DynamoDB Local, no
 * rate limit), then the raw GetItem throughput of the same DynamoDB Local at the same concurrency,
 * then the catalogue's first page and an eligibility answer each on their own (SCENARIOS).
 *
 * The server runs in a child process of its own (this script re-runs itself with --serve), as a
 * deployed handler has its own runtime: autocannon and the raw-store loop then never share an
 * event loop with the server they measure. The raw figure is the SDK (same client settings as the
 * handlers) issuing GetItem on one key from `connections` concurrent loops: the cheapest request
 * the store can serve, so `ratio` says how much of the store's capacity an API request costs.
 * Each phase runs PHASE_SECONDS (default 10); all traffic goes to 127.0.0.1.
 *
 * Then, route by route (PHASE_SECONDS / 2 each), what the API adds to the store: the route through
 * the API, against a replay of exactly the store calls that route makes (recorded, warm, by a
 * second registry in this process over the same table, then sent again through the same client
 * settings from `connections` concurrent loops). A route whose own replay is slow is bound by the
 * store, whatever the API does; the ratio of the two is the API's share (docs/reliability.md,
 * "Where a request's time goes").
 */
const PHASE_SECONDS = Number(process.env.PHASE_SECONDS ?? 10);
const TABLE = 'loadtest';

const ELIGIBILITY = JSON.stringify({
  achievements: [
    'luh-machine-learning',
    'luh-data-engineering',
    'lut-energy-systems',
    'tuwien-distributed-systems',
    'upm-ai-ethics',
  ].map((credentialId) => ({ credentialId, issuedOn: '2025-06-30' })),
  asOf: '2026-01-01',
});

/** The mix: catalogue reads, programme reads and eligibility requests. */
const REQUESTS: autocannon.Request[] = [
  { method: 'GET', path: '/credentials?limit=20' },
  { method: 'GET', path: '/credentials?institution=luh&eqfLevel=7' },
  { method: 'GET', path: '/credentials/luh-machine-learning' },
  { method: 'GET', path: '/programmes/demo-joint-master' },
  { method: 'GET', path: '/alliances/demo/programmes' },
  {
    method: 'POST',
    path: '/programmes/demo-micro-degree-data-science/eligibility',
    headers: { 'content-type': 'application/json' },
    body: ELIGIBILITY,
  },
  {
    method: 'POST',
    path: '/programmes/demo-joint-master/eligibility',
    headers: { 'content-type': 'application/json' },
    body: ELIGIBILITY,
  },
];

/**
 * Single-route scenarios, run beside the mix: the catalogue's first page, and the eligibility of
 * the seeded joint master (an engine answer from a warm snapshot, docs/engine.md).
 */
const SCENARIOS: Readonly<Record<string, autocannon.Request[]>> = {
  'catalogue GET': [{ method: 'GET', path: '/credentials?limit=20' }],
  eligibility: [
    {
      method: 'POST',
      path: '/programmes/demo-joint-master/eligibility',
      headers: { 'content-type': 'application/json' },
      body: ELIGIBILITY,
    },
  ],
};

interface Phase {
  readonly name: string;
  readonly connections: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

const serve = async (endpoint: string) => {
  const registry = await startLocalRegistry({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'registry-load-')),
    inMemory: true,
    seed: true,
    endpoint,
    tableName: TABLE,
  });
  process.stdout.write(`${registry.url}\n`);
  process.on('SIGTERM', () => void registry.stop().then(() => process.exit(0)));
};

const startServer = (endpoint: string) =>
  new Promise<{ url: string; stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve', endpoint], {
      stdio: ['ignore', 'pipe', 'inherit'],
      // One info log line per request would measure the terminal, not the registry; warnings and errors still show.
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN' },
    });
    child.once('exit', (code) => reject(new Error(`the server exited with code ${code ?? '-'}`)));
    createInterface({ input: child.stdout }).once('line', (url) => resolve({ url, stop: () => child.kill('SIGTERM') }));
  });

const api = async (url: string, connections: number, name = 'API mix', requests = REQUESTS): Promise<Phase> => {
  const result = await autocannon({ url, connections, duration: PHASE_SECONDS, requests, timeout: 10 });
  return {
    name,
    connections,
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const rawStore = async (endpoint: string, connections: number): Promise<Phase> => {
  const doc = createDocumentClient({ tableName: TABLE, endpoint });
  const key = keys.credentialHead('luh-machine-learning');
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + PHASE_SECONDS * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: key }));
        if (!Item) errors += 1;
      } catch (err) {
        errors += 1;
        if (errors === 1) process.stderr.write(`raw GetItem failed: ${String(err)}\n`);
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  doc.destroy();
  latencies.sort((a, b) => a - b);
  return {
    name: 'raw GetItem',
    connections,
    reqPerSec: latencies.length / PHASE_SECONDS,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non2xx: 0,
    errors,
  };
};

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

type Command = Parameters<DynamoDBDocumentClient['send']>[0];
type Send = (command: Command) => Promise<unknown>;

/** The store calls each mix request makes once warm, recorded through a registry of this process. */
const recordStoreCalls = async (endpoint: string): Promise<Command[][]> => {
  quietRequestLog();
  let recording: Command[] | undefined;
  const registry = await startLocalRegistry({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'registry-record-')),
    inMemory: true,
    seed: false,
    endpoint,
    tableName: TABLE,
    wrapStore: (doc) => {
      const send = doc.send.bind(doc) as Send;
      // The cast: `send` is overloaded (promise and callback forms); the handlers use only the promise form.
      doc.send = ((command: Command) => {
        recording?.push(command);
        return send(command);
      }) as DynamoDBDocumentClient['send'];
      return doc;
    },
  });
  try {
    const calls: Command[][] = [];
    for (const r of REQUESTS) {
      const ask = () =>
        fetch(`${registry.url}${r.path}`, {
          method: r.method ?? 'GET',
          headers: r.headers as Record<string, string> | undefined,
          body: r.body as string | undefined,
        }).then((res) => res.arrayBuffer());
      // The first answers fill the warm caches (docs/engine.md, "Snapshots"); the third is what a warm request sends.
      await ask();
      await ask();
      recording = [];
      await ask();
      calls.push(recording);
      recording = undefined;
    }
    return calls;
  } finally {
    await registry.stop();
  }
};

/** The recorded calls of one request sent again, one request after another, from `connections` loops. */
const replay = async (endpoint: string, calls: readonly Command[], connections: number, seconds: number) => {
  const doc = createDocumentClient({ tableName: TABLE, endpoint });
  const send = doc.send.bind(doc) as Send;
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      for (const c of calls) {
        const Again = c.constructor as new (input: unknown) => Command;
        await send(new Again(c.input));
      }
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  doc.destroy();
  return done / seconds;
};

interface RouteShare {
  readonly request: string;
  readonly storeCalls: string;
  readonly apiReqPerSec: number;
  readonly storeReqPerSec: number;
}

const routeShares = async (url: string, endpoint: string): Promise<RouteShare[]> => {
  const recorded = await recordStoreCalls(endpoint);
  const seconds = Math.max(2, PHASE_SECONDS / 2);
  const out: RouteShare[] = [];
  for (const [i, r] of REQUESTS.entries()) {
    const calls = recorded[i] ?? [];
    process.stderr.write(`${r.method} ${r.path}: API, then its ${calls.length} store calls, ${seconds} s each…\n`);
    const result = await autocannon({ url, connections: 10, duration: seconds, requests: [r], timeout: 10 });
    out.push({
      request: `${r.method} ${r.path}`,
      storeCalls: calls.map((c) => c.constructor.name.replace(/Command$/, '')).join('+') || '(none)',
      apiReqPerSec: result.requests.average,
      storeReqPerSec: calls.length === 0 ? Number.POSITIVE_INFINITY : await replay(endpoint, calls, 10, seconds),
    });
  }
  return out;
};

const main = async () => {
  const store = await startDynamoLocal({
    onCrash: (reason) => process.stderr.write(`DynamoDB Local stopped: ${reason}\n`),
  });
  const server = await startServer(store.endpoint);
  const phases: Phase[] = [];
  let shares: RouteShare[] = [];
  try {
    // A warm-up of three phases: module loading and both JITs (node's, and DynamoDB Local's JVM)
    // should not count against the first phase. Measured on a fresh server, three 8 s mix runs in a
    // row gave 299, 459 and 508 req/s (p99 95, 53, 48 ms): the store's JVM warms up that slowly.
    await autocannon({ url: server.url, connections: 10, duration: 3 * PHASE_SECONDS, requests: REQUESTS });
    for (const connections of [10, 50]) {
      process.stderr.write(`API mix at ${connections} connections for ${PHASE_SECONDS} s…\n`);
      phases.push(await api(server.url, connections));
      process.stderr.write(`raw GetItem at ${connections} concurrent loops for ${PHASE_SECONDS} s…\n`);
      phases.push(await rawStore(store.endpoint, connections));
    }
    for (const [name, requests] of Object.entries(SCENARIOS)) {
      process.stderr.write(`${name} at 10 connections for ${PHASE_SECONDS} s…\n`);
      phases.push(await api(server.url, 10, name, requests));
    }
    shares = await routeShares(server.url, store.endpoint);
  } finally {
    server.stop();
    await store.stop();
  }
  const row = (cells: (string | number)[]) =>
    cells.map((c, i) => String(c)[i === 0 ? 'padEnd' : 'padStart'](i === 0 ? 14 : 11)).join(' ');
  process.stdout.write(`${row(['phase', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'])}\n`);
  for (const p of phases)
    process.stdout.write(
      `${row([p.name, p.connections, round(p.reqPerSec), round(p.p50Ms, 2), round(p.p99Ms, 2), p.non2xx, p.errors])}\n`,
    );
  process.stdout.write('\nper route at 10 connections: through the API, and its own store calls replayed\n');
  for (const r of shares)
    process.stdout.write(
      `  ${r.request.padEnd(58)} ${String(round(r.apiReqPerSec)).padStart(7)} req/s  store alone ${String(
        round(r.storeReqPerSec),
      ).padStart(7)}/s  API share of capacity ${round(r.apiReqPerSec / r.storeReqPerSec, 2)}  (${r.storeCalls})\n`,
    );
  const at10 = phases.find((p) => p.name === 'API mix' && p.connections === 10);
  const raw10 = phases.find((p) => p.name === 'raw GetItem' && p.connections === 10);
  if (!at10 || !raw10) throw new Error('a phase is missing');
  const ratio = at10.reqPerSec / raw10.reqPerSec;
  const storeBoundMix = shares.length / shares.reduce((sum, r) => sum + 1 / r.storeReqPerSec, 0);
  const scenario = (name: string) => round(phases.find((p) => p.name === name)?.reqPerSec ?? 0);
  process.stdout.write(`\nmix: ${REQUESTS.map((r) => `${r.method} ${r.path}`).join(', ')}\n`);
  process.stdout.write('targets at 10 connections: ratio ≥ 0.5, p99 ≤ 50 ms, no errors, no non-2xx\n');
  process.stdout.write(
    `${JSON.stringify({
      reqPerSec: round(at10.reqPerSec),
      p99Ms: round(at10.p99Ms, 2),
      non2xx: at10.non2xx,
      errors: at10.errors,
      rawStoreReqPerSec: round(raw10.reqPerSec),
      ratio: round(ratio, 3),
      catalogueReqPerSec: scenario('catalogue GET'),
      eligibilityReqPerSec: scenario('eligibility'),
      // The mix as the store alone could serve it (each request equally often), and the API's share of that.
      mixStoreAloneReqPerSec: round(storeBoundMix),
      mixOfStoreAlone: round(at10.reqPerSec / storeBoundMix, 3),
    })}\n`,
  );
};

if (process.argv[2] === '--serve') await serve(process.argv[3] ?? '');
else await main();
