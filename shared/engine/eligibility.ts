import { Budget } from './budget.js';
import { compile, type Problem } from './compile.js';
import { toEcts } from './ects-units.js';
import { heldEntry, planCandidates } from './entries.js';
import { NOTICE, missingFor } from './messages.js';
import { allocationOf } from './report.js';
import { DEFAULT_SEARCH_SHARE_MS } from './exact-mip.js';
import { compileWithPrerequisites } from './prerequisites.js';
import { solveProblem } from './solve.js';
import type { EligibilityAnswer, EngineContext, EngineOptions, Held } from './types.js';

/**
 * SPEC §5 eligibility: whether what the learner holds already stacks (some choice of it is a
 * complete composition), and otherwise the exact cheapest plan: published offerings not held,
 * minimising additional ECTS and then their number. A search cut short by the budget says so in
 * `status` and `plan.optimal`; it never turns into a "not eligible" or "infeasible" it did not prove.
 */
export const checkEligibility = (
  ctx: EngineContext,
  held: readonly Held[],
  asOf: string,
  opts?: EngineOptions,
): EligibilityAnswer => {
  const budget = Budget.of(opts);
  const share = opts?.searchShareMs ?? DEFAULT_SEARCH_SHARE_MS;
  const entries = held.map(heldEntry);
  const own = compile(ctx, ctx.rule, entries, asOf, []);
  const mine = solveProblem(own, budget, opts?.mip, share, opts);
  const keysOf = (idxs: readonly number[], p = own) =>
    idxs.flatMap((i) => {
      const e = p.items[i]?.entry;
      return e && !e.added ? [e.key] : [];
    });
  if (mine.items) {
    return {
      eligible: true,
      counted: keysOf(mine.items),
      missing: [],
      plan: { add: [], additionalEcts: 0, optimal: true },
      notice: NOTICE,
      status: 'optimal',
      allocation: allocationOf(own, mine.items, budget),
    };
  }
  const heldIds = new Set(held.flatMap((h) => (h.kind === 'registry' ? [h.credential.id] : [])));
  const retake = reEarnable(own);
  const candidates = planCandidates(ctx, new Set([...heldIds].filter((id) => !retake.has(id))), opts?.preferences);
  const p = compileWithPrerequisites(ctx, [...entries, ...candidates], heldIds, asOf);
  const best = solveProblem(p, budget, opts?.mip, share, opts);
  const chosen = best.items;
  const heldPart = chosen ? chosen.filter((i) => !p.items[i]?.entry.added) : own.items.map((it) => it.idx);
  const added = chosen ? chosen.filter((i) => p.items[i]?.entry.added) : null;
  // The held-only search was cut short: a cost-0 composition may exist that it did not reach.
  const undecided = mine.status === 'not-found-in-budget';
  const status = undecided && best.status === 'optimal' ? 'feasible-not-proven' : best.status;
  const plan = added
    ? {
        add: added.map((i) => p.items[i]?.entry.credentialId ?? '').sort(),
        additionalEcts: toEcts(
          added.reduce((s, i) => s + (p.items[i]?.units ?? 0), 0),
          p.scale,
        ),
        optimal: status === 'optimal',
      }
    : null;
  const missing = added !== null && added.length === 0 ? [] : missingFor(chosen ? p : own, heldPart, added, budget);
  if (!chosen && status === 'infeasible') {
    missing.push({
      rule: 'catalogue',
      message: 'no combination of published offerings can complete the programme with what is held',
    });
  }
  if (status === 'not-found-in-budget') {
    missing.push({
      rule: 'budget',
      message: 'the search for a plan ran out of time; this is not a finding that the programme cannot be completed',
    });
  }
  return {
    eligible: added !== null && added.length === 0,
    counted: keysOf(heldPart, chosen ? p : own),
    missing,
    plan,
    notice: NOTICE,
    status,
    allocation: allocationOf(p, chosen, budget),
  };
};

/**
 * Held credentials a plan may re-earn (SPEC §5): those whose every held version fails only for its
 * age or its score. The offering is then a candidate like any other; the held copy stays uncounted.
 */
const reEarnable = (own: Problem): Set<string> => {
  const counting = new Set(own.items.flatMap((it) => (it.entry.credentialId ? [it.entry.credentialId] : [])));
  const retake = new Set<string>();
  const blocked = new Set<string>();
  for (const { entry, why } of own.notCounted) {
    const id = entry.credentialId;
    if (id === undefined || counting.has(id)) continue;
    if (why.rule === 'components.maxAgeYears' || why.rule === 'components.minScore') retake.add(id);
    else blocked.add(id);
  }
  for (const id of blocked) retake.delete(id);
  return retake;
};
