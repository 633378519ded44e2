import { registerCredential } from '../shared/app/credentials/write-credential.js';
import type { Caller } from '../shared/ports/caller.js';
import { fixedId, generatedDraft, median, quietRequestLog, round, scratchRegistry } from './measuring.js';

/*
 * `npm run scale`: how a filtered catalogue page grows with the catalogue (docs/data-model.md).
 * Credentials are registered through the use-case, as the API writes them (the credential with its
 * catalogue entries, in one transaction), into an in-memory DynamoDB Local, up to each size in
 * SIZES (default 1,000, 10,000, 100,000); at each size the p50 of RUNS requests over HTTP for three
 * filtered first pages. The last line is one JSON object, with the growth from the first size to
 * the last.
 */
const SIZES = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 40);
const CONCURRENCY = 16;
const INSTITUTIONS = ['luh', 'lut', 'but', 'tuwien', 'upm'];
const SUBJECTS = ['0613', '0612', '0541', '0713', '0714', '0413', '0731', '0223'];
const QUERIES = [
  '/credentials?institution=luh&eqfLevel=7&limit=20',
  '/credentials?subjectArea=0613&limit=20',
  '/credentials?eqfLevel=6&limit=20',
];

const draftOf = (i: number) =>
  generatedDraft(i, INSTITUTIONS, SUBJECTS, {
    title: `Scale offering ${i}`,
    ects: 1 + (i % 10),
    eqfLevel: i % 7 === 0 ? 6 : 7,
  });

quietRequestLog();
const registry = await scratchRegistry('scale', { seed: true });
const results: Record<string, Record<string, number>> = {};
try {
  const deps = registry.deps;
  let written = 0;
  for (const size of SIZES) {
    const started = performance.now();
    while (written < size) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, size - written) }, (_, k) => written + k);
      await Promise.all(
        batch.map((i) => {
          const draft = draftOf(i);
          const registrar: Caller = {
            sub: 'scale:registrar',
            role: 'institution',
            institutionId: draft.institutionId,
            allianceIds: [],
          };
          return registerCredential({ ...deps, ids: fixedId(`scale-${i}`) }, registrar, draft);
        }),
      );
      written += batch.length;
    }
    const loadSeconds = (performance.now() - started) / 1000;
    const row: Record<string, number> = {};
    for (const path of QUERIES) {
      const times: number[] = [];
      for (let r = 0; r < RUNS + 5; r++) {
        const t = performance.now();
        const res = await fetch(`${registry.url}${path}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        if (r >= 5) times.push(performance.now() - t); // the first five warm up
      }
      row[path] = round(median(times));
    }
    results[size] = row;
    process.stdout.write(
      `${size} credentials (written in ${loadSeconds.toFixed(0)} s): ${QUERIES.map((q) => `${q} p50 ${row[q]} ms`).join('; ')}\n`,
    );
  }
  const first = results[SIZES[0] ?? 0] ?? {};
  const last = results[SIZES[SIZES.length - 1] ?? 0] ?? {};
  const growth = Object.fromEntries(QUERIES.map((q) => [q, round((last[q] ?? Number.NaN) / (first[q] ?? Number.NaN))]));
  process.stdout.write(`${JSON.stringify({ sizes: SIZES, p50Ms: results, growth })}\n`);
} finally {
  await registry.stop();
}
