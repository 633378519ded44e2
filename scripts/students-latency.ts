/*
 * `npx tsx scripts/students-latency.ts [baseUrl] [runs]`: p50 / p90 latency of the student and
 * partner queries against a running registry (`npm start`, seeded with the demo alliance), one
 * request at a time after a warm-up, measured at the client:
 * - POST /eligibility over the demo alliance's agreed programmes (eleven of the joint master's twelve credentials);
 * - GET /credentials/{id}/programmes for a credential listed by both seeded programmes.
 */
import { DEMO_COMPOSITION } from '../test/support/demo.js';

const base = process.argv[2] ?? 'http://localhost:3000';
const runs = Number(process.argv[3] ?? 100);
const WARM_UP = 10;

const ELEVEN = DEMO_COMPOSITION.slice(1).map((credentialId) => ({ credentialId, issuedOn: '2026-02-01' }));

const QUERIES: { name: string; method: string; path: string; body?: unknown }[] = [
  {
    name: 'POST /eligibility (alliance demo)',
    method: 'POST',
    path: '/eligibility',
    body: { achievements: ELEVEN, allianceId: 'demo', asOf: '2026-11-01' },
  },
  {
    name: 'GET /credentials/luh-machine-learning/programmes',
    method: 'GET',
    path: '/credentials/luh-machine-learning/programmes',
  },
];

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

for (const q of QUERIES) {
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + runs; i++) {
    const started = performance.now();
    const res = await fetch(`${base}${q.path}`, {
      method: q.method,
      ...(q.body ? { body: JSON.stringify(q.body), headers: { 'content-type': 'application/json' } } : {}),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${q.name}: status ${res.status}`);
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${q.name}: p50 ${percentile(times, 50).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms (${runs} runs)\n`,
  );
}
