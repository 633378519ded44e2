/*
 * `npm run size`: bundles every function exactly as the CDK stack does (infra/bundling.ts, the
 * generated group entries) and prints each bundle's minified size, its largest contributors, and
 * its cold import time: the median over several fresh `node` processes of loading the bundle as
 * the Lambda runtime does (`require` for CommonJS, `import()` for an ES module), with the functions'
 * NODE_OPTIONS (source maps on). The runtime-provided `@aws-sdk/*` loads from this tree's
 * node_modules, and the node is this machine's, so the times stand in for, not equal, Lambda's.
 * Budget (docs/deploy.md): at most 250 KiB minified and 100 ms cold import per function.
 *
 * The alternatives that infra/bundling.ts decided against, for comparison:
 * `--sdk-bundled` bundles the AWS SDK instead of taking it from the runtime;
 * `--esm` builds ES modules (`index.mjs`) instead of CommonJS.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, esbuildOptions, LAZY_FILES, LAZY_MODULES, NODE_OPTIONS } from '../infra/bundling.js';
import { PROJECT_ROOT, TRIGGER_ENTRIES, writeGroupEntries } from '../infra/entries.js';

const BUDGET_BYTES = 250 * 1024;
const BUDGET_MS = 100;
const RUNS = 7;

/*
 * Bundled, the SDK still leaves out the credential providers it loads by dynamic `import()` only when
 * the environment holds no credentials, which in Lambda it always does.
 */
const SDK_BUNDLED_EXTERNALS = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
  ...LAZY_MODULES,
];

const sdkBundled = process.argv.includes('--sdk-bundled');
const format = process.argv.includes('--esm') ? 'esm' : BUNDLE.format;
const external = sdkBundled ? SDK_BUNDLED_EXTERNALS : BUNDLE.externalModules;
const outputFile = format === 'esm' ? 'index.mjs' : BUNDLE.outputFile;
const outDir = path.join(
  PROJECT_ROOT,
  '.build',
  ['size', sdkBundled ? 'sdk-bundled' : '', format === 'esm' ? 'esm' : ''].filter(Boolean).join('-'),
);

/** Who the output bytes come from: a package name, or `(own code)`. */
const ownerOf = (input: string): string => {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (!match?.[1]) return '(own code)';
  const name = match[1];
  return name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') || name.startsWith('@aws-crypto/')
    ? 'aws-sdk'
    : name;
};

/** Median and minimum: on a busy machine the minimum shows what the bundle itself costs. */
const summary = (values: number[]): { median: number; min: number } => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, min: sorted[0] ?? Number.NaN };
};

const coldImportMs = (file: string): { median: number; min: number } => {
  const load =
    format === 'esm'
      ? `await import(${JSON.stringify(pathToFileURL(file).href)})`
      : `(await import('node:module')).createRequire(${JSON.stringify(file)})(${JSON.stringify(file)})`;
  const probe = `const t=performance.now();${load};process.stdout.write(String(performance.now()-t));`;
  const runs = Array.from({ length: RUNS }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
        // Handlers read their environment on the first request, not at import; set it anyway.
        env: { ...process.env, NODE_OPTIONS, TABLE_NAME: 'size-probe', AWS_REGION: 'eu-central-1' },
        cwd: outDir,
        encoding: 'utf8',
      }),
    ),
  );
  return summary(runs);
};

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

const main = async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // In Lambda no package.json says `"type": "module"`; here the project's does, which would make `.js` an ES module.
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
  const functions: [string, string][] = [...writeGroupEntries(), ...Object.entries(TRIGGER_ENTRIES)];
  console.log(
    `${format === 'esm' ? 'ES module' : 'CommonJS'}, AWS SDK ${sdkBundled ? 'bundled' : 'from the runtime (here: node_modules)'}; cold import: median of ${RUNS} fresh node ${process.version} processes`,
  );
  console.log(`${'function'.padEnd(22)}${'minified'.padStart(12)}${'cold import (min)'.padStart(22)}   largest parts`);
  let over = 0;
  for (const [name, entry] of functions) {
    const outfile = path.join(outDir, name, outputFile);
    const result = await build(esbuildOptions(entry, outfile, external, format));
    const bytes = statSync(outfile).size;
    const parts = new Map<string, number>();
    const output = result.metafile?.outputs[path.relative(process.cwd(), outfile)];
    for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
      parts.set(ownerOf(input), (parts.get(ownerOf(input)) ?? 0) + bytesInOutput);
    }
    const largest = [...parts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${kib(v)}`)
      .join(', ');
    const ms = coldImportMs(outfile);
    const ok = bytes <= BUDGET_BYTES && ms.median <= BUDGET_MS;
    if (!ok) over += 1;
    console.log(
      `${name.padEnd(22)}${kib(bytes).padStart(12)}${`${ms.median.toFixed(1)} ms (${ms.min.toFixed(0)})`.padStart(22)}   ${largest}${ok ? '' : '   OVER BUDGET'}`,
    );
  }
  console.log(
    over === 0 ? `all within budget (≤ ${kib(BUDGET_BYTES)}, ≤ ${BUDGET_MS} ms)` : `${over} function(s) over budget`,
  );
  // Loaded on first need only, outside the bundles and their cold start (infra/bundling.ts LAZY_MODULES).
  for (const module of LAZY_MODULES) {
    const dir = path.join(PROJECT_ROOT, 'node_modules', module);
    const bytes = LAZY_FILES.reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
    const probe = `const t=performance.now();const m=await import(${JSON.stringify(module)});await m.default();process.stdout.write(String(performance.now()-t));`;
    const load = summary(
      Array.from({ length: RUNS }, () =>
        Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })),
      ),
    );
    console.log(
      `lazily loaded: ${module} ${kib(bytes)} (its files beside the bundle), load and instantiate ${load.median.toFixed(1)} ms (${load.min.toFixed(0)}) on first need`,
    );
  }
  if (over > 0) process.exitCode = 1;
};

await main();
