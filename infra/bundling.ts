import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/*
 * How every function is bundled: one description, read by the CDK construct and by
 * `npm run size`, so the size figures are those of what deploys.
 *
 * ESM: the project is ESM and middy is ESM-first; NODEJS_22_X loads `.mjs` natively. The banner
 * gives bundled CommonJS dependencies a `require` for Node built-ins, which ESM output lacks.
 *
 * The AWS SDK is bundled, not taken from the runtime: the code runs on the SDK version the
 * lockfile pins and the tests ran against, and one tree-shaken, minified file imports faster than
 * the runtime's many SDK modules (measured: docs/deploy.md). Left out are only the credential
 * providers the SDK loads by dynamic `import()` when no credentials are in the environment; in
 * Lambda they always are, so these are never loaded (and the runtime ships them if they were).
 */
const NEVER_LOADED_IN_LAMBDA = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/*
 * Loaded on first need only, never bundled: HiGHS, the exact MIP that finishes an engine answer its
 * search could not prove (docs/engine.md, "Exact fallback"). It loads its WebAssembly from its own
 * package folder, so the package is copied beside the bundle as it is.
 */
export const LAZY_MODULES = ['highs'];
export const LAZY_FILES = ['package.json', 'build/highs.mjs', 'build/highs.js', 'build/highs.wasm'];

export const BUNDLE = {
  target: 'node22',
  minify: true,
  sourceMap: true,
  /** Stack traces are mapped with `--enable-source-maps`; the sources themselves need not ship. */
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: [...NEVER_LOADED_IN_LAMBDA, ...LAZY_MODULES],
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;

/** The functions' NODE_OPTIONS: stack traces through the source maps (`npm run size` measures it too). */
export const NODE_OPTIONS = '--enable-source-maps';

/** For `NodejsFunction`'s `bundling` property. */
export const cdkBundling = (): BundlingOptions => ({
  format: OutputFormat.ESM,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourceMap: BUNDLE.sourceMap,
  sourcesContent: BUNDLE.sourcesContent,
  mainFields: [...BUNDLE.mainFields],
  externalModules: [...BUNDLE.externalModules],
  banner: BUNDLE.banner,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    // Only a bundle that loads the module gets its files (the engine's and the saved plans' functions).
    afterBundling: (inputDir: string, outputDir: string) =>
      LAZY_MODULES.map((m) =>
        [
          `if grep -q 'import("${m}")' "${outputDir}/index.mjs"; then`,
          `mkdir -p "${outputDir}/node_modules/${m}/build"`,
          ...LAZY_FILES.map((f) => `&& cp "${inputDir}/node_modules/${m}/${f}" "${outputDir}/node_modules/${m}/${f}"`),
          '; fi',
        ].join(' '),
      ),
  },
});

/** The same bundle as esbuild options (what CDK passes on its esbuild command line). */
export const esbuildOptions = (
  entry: string,
  outfile: string,
  external: readonly string[] = BUNDLE.externalModules,
): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourceMap,
  sourcesContent: BUNDLE.sourcesContent,
  mainFields: [...BUNDLE.mainFields],
  external: [...external],
  banner: { js: BUNDLE.banner },
  metafile: true,
  logLevel: 'warning',
});
