import { checkEligibility } from './eligibility.js';
import { DEFAULT_SEARCH_SHARE_MS, type MipSolver, mipAppliesTo } from './exact-mip.js';
import { isProven } from './solve.js';
import { checkStackability } from './stackability.js';
import type { Credential } from '../schemas/credential.js';
import type {
  EligibilityAnswer,
  EngineContext,
  EngineOptions,
  Held,
  SolveStatus,
  StackabilityAnswer,
} from './types.js';

/*
 * The answers as a request should get them: proven. The specialised search answers most
 * questions in milliseconds; one it cannot prove within its share of the budget is finished by the
 * exact MIP, whose solver is loaded (asynchronously, once per process) only the first time it is
 * needed. The loader is injected, so the engine stays free of I/O of its own.
 */
export interface ExactOptions extends Omit<EngineOptions, 'mip'> {
  loadMip: () => Promise<MipSolver>;
}

let ready: MipSolver | undefined;

const answerExactly = async <T extends { status: SolveStatus }>(
  ctx: EngineContext,
  opts: ExactOptions,
  run: (o: EngineOptions) => T,
): Promise<T> => {
  const { loadMip, ...rest } = opts;
  if (!mipAppliesTo(ctx.rule)) return run(rest);
  if (ready) return run({ ...rest, mip: ready });
  const now = rest.now ?? (() => performance.now());
  const deadline = now() + (rest.timeBudgetMs ?? 2000);
  const first = run({
    ...rest,
    timeBudgetMs: Math.min(rest.searchShareMs ?? DEFAULT_SEARCH_SHARE_MS, rest.timeBudgetMs ?? 2000),
  });
  if (isProven(first.status)) return first;
  ready = await loadMip();
  return run({ ...rest, mip: ready, searchShareMs: 0, timeBudgetMs: Math.max(1, deadline - now()) });
};

export const checkEligibilityExact = (
  ctx: EngineContext,
  held: readonly Held[],
  asOf: string,
  opts: ExactOptions,
): Promise<EligibilityAnswer> => answerExactly(ctx, opts, (o) => checkEligibility(ctx, held, asOf, o));

export const checkStackabilityExact = (
  ctx: EngineContext,
  set: readonly Credential[],
  opts: ExactOptions,
): Promise<StackabilityAnswer> => answerExactly(ctx, opts, (o) => checkStackability(ctx, set, o));
