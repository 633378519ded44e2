import { allocateItems, featureFeasible, featureVector } from './allocation.js';
import type { Budget } from './budget.js';
import { compile, type Problem } from './compile.js';
import { countCompositions } from './count.js';

/*
 * A lower bound on the number of valid compositions where requirements put the exact count out of
 * reach (docs/engine.md, "Counting"). A core is a set of offerings that meets every requirement on
 * its own. Requirements ask only for minimums, so any composition that contains a core and keeps
 * the rest of the rule (ECTS range, institutions, exclusions, distinct minimums) is valid: the
 * core's allocation still works and the other credentials are electives. Those compositions are
 * counted exactly by the dynamic programme of the rule without its requirements, with the core's
 * offerings forced in; several cores are joined by inclusion and exclusion.
 */

/** Cores joined at most: 2^k − 1 exact counts. */
const MAX_CORES = 3;

/** A smallest-by-inclusion part of a valid composition that meets every requirement on its own. */
const coreOf = (p: Problem, composition: readonly number[]): number[] | null => {
  const allocation = allocateItems(p, composition);
  if (!allocation) return null;
  const core = composition.filter((i) => (allocation.get(i) ?? -1) >= 0);
  // Larger credentials first: dropping them leaves the bound's compositions more room.
  for (const i of [...core].sort((a, b) => (p.items[b]?.units ?? 0) - (p.items[a]?.units ?? 0))) {
    const without = core.filter((x) => x !== i);
    if (featureFeasible(p.spec, featureVector(p, without))) core.splice(core.indexOf(i), 1);
  }
  return core;
};

/**
 * How many valid compositions contain at least one core of the given compositions (valid ones, each
 * as item indices of `p`), or null when the rule has nested programmes or the budget runs out.
 */
export const countContainingCores = (
  p: Problem,
  forced: ReadonlySet<number>,
  compositions: readonly (readonly number[])[],
  budget: Budget,
): bigint | null => {
  if ((p.rule.programmes?.length ?? 0) > 0 || p.spec.reqs.length === 0) return null;
  const cores: number[][] = [];
  const seen = new Set<string>();
  for (const c of compositions) {
    const core = coreOf(p, c);
    const key = core?.sort((a, b) => a - b).join(',');
    if (!core || key === undefined || seen.has(key)) continue;
    seen.add(key);
    cores.push(core);
    if (cores.length === MAX_CORES) break;
  }
  if (cores.length === 0) return null;
  const { requirements: _, ...withoutRequirements } = p.rule;
  const plain = compile(
    p.ctx,
    withoutRequirements,
    p.items.map((it) => it.entry),
    p.asOf,
    p.chain,
  );
  const index = new Map(plain.items.map((it) => [it.entry.key, it.idx]));
  const inPlain = (i: number) => index.get(p.items[i]?.entry.key ?? '') ?? -1;
  let total = 0n;
  for (let mask = 1; mask < 1 << cores.length; mask++) {
    const union = new Set([...forced].map(inPlain));
    let size = 0;
    cores.forEach((core, k) => {
      if ((mask >> k) & 1) {
        size++;
        for (const i of core) union.add(inPlain(i));
      }
    });
    if (union.has(-1)) return null;
    const n = countCompositions(plain, union, budget);
    if (n === null) return null;
    total += size % 2 === 1 ? n : -n;
  }
  return total;
};
