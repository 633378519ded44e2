import type { Budget } from './budget.js';
import type { Problem } from './compile.js';
import type { EnumerateOptions } from './enumerate.js';
import type { SearchResult } from './search.js';

/*
 * Nested programmes (SPEC §5.6) are checked with the very solvers that call the check: a search or
 * an enumeration reaches a composition, and its nested parts are then found by searching and
 * enumerating again. So that these modules do not import each other in a circle, the solvers reach
 * nested.ts through this hook, filled once by solvers.ts (which index.ts loads).
 */
export interface NestedSolvers {
  minimise(p: Problem, budget: Budget): SearchResult;
  enumerateValid(p: Problem, opts: EnumerateOptions): boolean;
}

let provided: NestedSolvers | undefined;

export const provideNestedSolvers = (solvers: NestedSolvers): void => {
  provided = solvers;
};

export const nestedSolvers = (): NestedSolvers => {
  if (!provided)
    throw new Error('the engine solvers are not provided: import the engine through shared/engine/index.js');
  return provided;
};
