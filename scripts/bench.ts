/*
 * `npm run bench`: builds test/bench/engine-bench.ts as infra/bundling.ts bundles the Lambda
 * functions (esbuild, minified, node22) and runs the bundle, so the engine is timed in the form
 * that deploys. Run through tsx instead, every function would carry tsx's development transform
 * (keepNames wraps each one with `__name`), which costs the engine's hot loops measurably.
 * HiGHS stays an external module: it loads its WebAssembly from its own package folder. The harness
 * awaits at top level, so it is built as an ES module (the engine code is the same in either format).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BUNDLE, esbuildOptions } from '../infra/bundling.js';
import { PROJECT_ROOT } from '../infra/entries.js';

const entry = path.join(PROJECT_ROOT, 'test', 'bench', 'engine-bench.ts');
const outfile = path.join(PROJECT_ROOT, '.build', 'bench', 'engine-bench.mjs');
await build({ ...esbuildOptions(entry, outfile, BUNDLE.externalModules, 'esm'), metafile: false });
const run = spawnSync(process.execPath, ['--enable-source-maps', outfile], { stdio: 'inherit', cwd: PROJECT_ROOT });
process.exitCode = run.status ?? 1;
