import type { MipSolver } from './exact-mip.js';

/*
 * HiGHS (MIT; WebAssembly, about 3.5 MB) loaded on first use only: the common path answers from
 * the specialised search and never pays for it, and a warm function loads it once.
 */
let loading: Promise<MipSolver> | undefined;

export const loadMipSolver = (): Promise<MipSolver> => {
  loading ??= import('highs').then(async (mod) => {
    // highs ships CommonJS typings for its ES module build: at run time the default export is the loader.
    const load = (mod as unknown as { default: () => Promise<MipSolver> }).default;
    return load();
  });
  return loading;
};
