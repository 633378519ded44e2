import type { Budget } from './budget.js';
import type { Problem } from './compile.js';
import { type MipSolver, mipApplies, solveByMip } from './exact-mip.js';
import { minimise, type SearchResult, type SearchTuning } from './search.js';
import type { SolveStatus } from './types.js';

const INF = Number.POSITIVE_INFINITY;
/** An answer that needs no more search: the optimum, or the proof that there is none. */
export const isProven = (status: SolveStatus): boolean => status === 'optimal' || status === 'infeasible';

/**
 * The cheapest valid composition of a compiled problem, proven. The specialised search answers
 * first; when a MIP solver is at hand and the search has not proven its answer within its share of
 * the budget, the exact MIP finishes the proof in the time left (docs/engine.md, "Exact fallback").
 * Without a solver the search has the whole budget and may end unproven, and says so.
 */
export const solveProblem = (
  p: Problem,
  budget: Budget,
  mip: MipSolver | undefined,
  searchShareMs: number,
  tuning: SearchTuning = {},
): SearchResult => {
  if (!mip || !mipApplies(p)) return minimise(p, budget, tuning);
  const found: SearchResult =
    searchShareMs > 0
      ? minimise(p, budget.share(searchShareMs), tuning)
      : { status: 'not-found-in-budget', items: null, cost: INF };
  if (isProven(found.status)) return found;
  const exact = solveByMip(p, mip, budget.remainingMs());
  if (exact.status === 'infeasible') return { status: 'infeasible', items: null, cost: INF };
  if (exact.status === 'optimal' && exact.items) {
    return {
      status: 'optimal',
      items: exact.items,
      cost: exact.items.reduce((s, i) => s + (p.items[i]?.cost ?? 0), 0),
    };
  }
  return found;
};
