import type { Credential } from '../schemas/credential.js';
import { Budget } from './budget.js';
import { compile } from './compile.js';
import { toEcts } from './ects-units.js';
import { credentialEntry, planCandidates } from './entries.js';
import { clauseViolations } from './messages.js';
import { allocationOf } from './report.js';
import { DEFAULT_SEARCH_SHARE_MS } from './exact-mip.js';
import { solveProblem } from './solve.js';
import type { EngineContext, EngineOptions, SolveStatus, StackabilityAnswer, Violation } from './types.js';

/**
 * SPEC §5 stackability: `valid` when some choice of the set's counted credentials is a complete
 * composition (§5.5 lets a larger set have a subset chosen); `extendable` when adding published
 * offerings not in the set makes one.
 */
export const checkStackability = (
  ctx: EngineContext,
  set: readonly Credential[],
  opts?: EngineOptions,
): StackabilityAnswer => {
  const budget = Budget.of(opts);
  const share = opts?.searchShareMs ?? DEFAULT_SEARCH_SHARE_MS;
  const entries = set.map((c) => ({ ...credentialEntry(c, false), key: `${c.id}@${c.version}` }));
  const p = compile(ctx, ctx.rule, entries, undefined, []);
  const found = solveProblem(p, budget, opts?.mip, share, opts);
  const valid = found.items !== null;
  let status: SolveStatus = found.status === 'infeasible' ? 'optimal' : found.status;
  let extendable = valid;
  if (!valid) {
    const wider = compile(
      ctx,
      ctx.rule,
      [...entries, ...planCandidates(ctx, new Set(set.map((c) => c.id)))],
      undefined,
      [],
    );
    const plan = solveProblem(wider, budget, opts?.mip, share, opts);
    extendable = plan.items !== null;
    if (plan.status === 'not-found-in-budget') status = 'not-found-in-budget';
  }
  const members =
    found.items ?? distinctCounted(p.items.map((it) => ({ idx: it.idx, id: it.entry.credentialId ?? '' })));
  const violations: Violation[] = valid
    ? []
    : [...p.notCounted.map((n) => n.why), ...clauseViolations(p, members, budget)];
  if (!valid && violations.length === 0) {
    violations.push({
      rule: 'composition',
      message: 'no choice of the counted credentials meets every clause of the rule at once',
    });
  }
  return {
    valid,
    extendable,
    totalEcts: toEcts(
      members.reduce((s, i) => s + (p.items[i]?.units ?? 0), 0),
      p.scale,
    ),
    violations,
    allocation: allocationOf(p, found.items, budget),
    status,
  };
};

/** One item per credential id (the first version listed). */
const distinctCounted = (items: { idx: number; id: string }[]): number[] => {
  const seen = new Set<string>();
  return items.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true))).map((x) => x.idx);
};
