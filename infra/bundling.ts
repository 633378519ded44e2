import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/*
 * How every function is bundled: one description, read by the CDK construct and by
 * `npm run size`, so the size figures are those of what deploys. Budget: at most 250 KiB minified
 * and 100 ms cold import per function (docs/deploy.md, "Bundles", has the figures behind each choice).
 *
 * The AWS SDK is not bundled: `@aws-sdk/*` comes from the Node.js 22 runtime. Bundled, the
 * DynamoDB and document clients alone are about 202 KiB, so no function could stay within 250 KiB
 * (they measured 336-451 KiB). The code then runs on the SDK version the runtime ships rather
 * than the lockfile's; it uses only the document client's commands, the DynamoDB error names and
 * SQS SendMessageBatch, all long stable. The runtime's SDK loads from many files: a median 10 ms
 * more per function than one bundled file (measured on Node 20 from this tree's node_modules).
 *
 * CommonJS, not ESM: the runtime's SDK is CommonJS, and an ES module that imports it goes through
 * Node's ESM-to-CommonJS bridge, which measured twice as slow as `require` for the same files
 * (118 against 57 ms) and put most functions over 100 ms. A CommonJS `index.js` is loaded by the
 * runtime with `require`, and so is the SDK from it. esbuild turns the project's ES modules and
 * middy's into CommonJS; nothing in a function's code needs ESM (no top-level await, no
 * `import.meta`), and `import()` of a lazy module below stays a real dynamic import.
 */
const RUNTIME_PROVIDED = ['@aws-sdk/*'];

/*
 * Loaded on first need only, never bundled: HiGHS, the exact MIP that finishes an engine answer its
 * search could not prove (docs/engine.md, "Exact fallback"). It loads its WebAssembly from its own
 * package folder, so the package is copied beside the bundle as it is.
 */
export const LAZY_MODULES = ['highs'];
export const LAZY_FILES = ['package.json', 'build/highs.mjs', 'build/highs.js', 'build/highs.wasm'];

export const BUNDLE = {
  format: 'cjs',
  /** The handler file: `.js` without a `"type": "module"` package.json beside it is CommonJS. */
  outputFile: 'index.js',
  target: 'node22',
  minify: true,
  sourceMap: true,
  /** Stack traces are mapped with `--enable-source-maps`; the sources themselves need not ship. */
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: [...RUNTIME_PROVIDED, ...LAZY_MODULES],
} as const;

/** ES module output lacks `require` for the Node built-ins that bundled CommonJS code requires. */
const ESM_BANNER = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/** The functions' NODE_OPTIONS: stack traces through the source maps (`npm run size` measures it too). */
export const NODE_OPTIONS = '--enable-source-maps';

/** For `NodejsFunction`'s `bundling` property. */
export const cdkBundling = (): BundlingOptions => ({
  format: OutputFormat.CJS,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourceMap: BUNDLE.sourceMap,
  sourcesContent: BUNDLE.sourcesContent,
  mainFields: [...BUNDLE.mainFields],
  externalModules: [...BUNDLE.externalModules],
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    // Only a bundle that loads the module gets its files (the engine's and the saved plans' functions).
    afterBundling: (inputDir: string, outputDir: string) =>
      LAZY_MODULES.map((m) =>
        [
          `if grep -q 'import("${m}")' "${outputDir}/${BUNDLE.outputFile}"; then`,
          `mkdir -p "${outputDir}/node_modules/${m}/build"`,
          ...LAZY_FILES.map((f) => `&& cp "${inputDir}/node_modules/${m}/${f}" "${outputDir}/node_modules/${m}/${f}"`),
          '; fi',
        ].join(' '),
      ),
  },
});

/**
 * The same bundle as esbuild options (what CDK passes on its esbuild command line). `format: 'esm'`
 * is for what cannot be CommonJS (the engine benchmark awaits at top level) and for measuring the
 * alternative (`npm run size -- --esm`).
 */
export const esbuildOptions = (
  entry: string,
  outfile: string,
  external: readonly string[] = BUNDLE.externalModules,
  format: 'cjs' | 'esm' = BUNDLE.format,
): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourceMap,
  sourcesContent: BUNDLE.sourcesContent,
  mainFields: [...BUNDLE.mainFields],
  external: [...external],
  ...(format === 'esm' ? { banner: { js: ESM_BANNER } } : {}),
  metafile: true,
  logLevel: 'warning',
});
