import type { Budget } from './budget.js';
import type { Bundle } from './bundles.js';
import type { Problem } from './compile.js';
import { putNonDominated } from './pareto.js';
import type { SearchResult } from './search.js';
import { canStillReach, type DistinctClause } from './tally.js';

/** A block's bundle with the cross-block exclusion groups it uses as a bit mask. */
export interface MaskedBundle {
  bundle: Bundle;
  crossMask: number;
}

/** What the search knows about the blocks still to choose, for bounds (see searchWithin). */
export interface CombineBounds {
  p: Problem;
  budget: Budget;
  /** Requirement minimums as [count, units] pairs: the progress a composition must reach. */
  caps: readonly number[];
  /** Only compositions costing less than this are wanted. */
  limit: number;
  /** Least cost for blocks i.. to bring the total from `units` into the ECTS range. */
  bound: (i: number, units: number) => number;
  /** A bound on the cost of a composition whose blocks before i have reduced cost 0 and `units` (lagrangian.ts). */
  reducedBound: (i: number, units: number) => number;
  /** Most progress per requirement dimension that blocks i.. can still bring. */
  featMax: readonly (readonly number[])[];
  /** The rule's distinct-value clauses (tally.ts). */
  clauses: readonly DistinctClause[];
  /** Per block position i and clause: the values blocks i.. can still bring. */
  valuesLeft: readonly (readonly ReadonlySet<string>[])[];
  /** Units the requirements still owe at this progress. */
  owed: (progress: readonly number[]) => number;
  /** Least cost at which blocks i.. pay `need` owed units. */
  owedCost: (i: number, need: number) => number;
}

interface Node {
  units: number;
  cost: number;
  /** The chosen bundles' reduced costs, summed. */
  reduced: number;
  prog: number[];
  crossMask: number;
  /** Per distinct clause: the values carried, sorted; just ['*'] once the clause's minimum is met. */
  distinct: readonly (readonly string[])[];
  from: Node | null;
  bundle: Bundle | null;
}

const INF = Number.POSITIVE_INFINITY;
const SATISFIED: readonly string[] = ['*'];

/** At most the cost and at least the progress on every requirement dimension. */
const dominates = (t: Node, s: Node): boolean => {
  if (t.cost > s.cost) return false;
  for (let d = 0; d < t.prog.length; d++) if ((t.prog[d] ?? 0) < (s.prog[d] ?? 0)) return false;
  return true;
};

/**
 * The cheapest choice of one bundle per block, by layers: after each block, partial choices that
 * the rest of the rule cannot tell apart (same units, same cross-block exclusion groups used, same
 * institution count and countries as far as the distinct-count clauses still care) are merged,
 * keeping only those no other beats on cost and on every requirement's progress. A depth-first
 * search meets each such partial choice once per way of reaching it; this meets it once. Exact
 * when nothing is judged on the chosen credentials themselves (no nested programme, no
 * prerequisite): the leaf then sees only what a node keeps.
 */
export const combineByLayers = (lists: readonly (readonly MaskedBundle[])[], k: CombineBounds): SearchResult => {
  const { p, budget, caps, featMax, clauses, valuesLeft } = k;
  const D = caps.length;
  const n = lists.length;
  const limit = k.limit;
  // Cross-block groups are at most 30 bits (searchWithin): units and mask fit one number.
  const keyOf = (s: Node): string | number =>
    clauses.length > 0 ? `${s.units}|${s.crossMask}|${s.distinct.join('|')}` : s.units * 2 ** 30 + s.crossMask;
  // Past a clause's minimum, more values change nothing: the node stops telling them apart.
  const withValues = (held: readonly (readonly string[])[], added: readonly (readonly string[])[]) =>
    clauses.map((c, ci) => {
      const a = held[ci] ?? [];
      const b = added[ci] ?? [];
      if (a === SATISFIED || b.every((x) => a.includes(x))) return a;
      const all = [...new Set([...a, ...b])].sort();
      return all.length >= c.min ? SATISFIED : all;
    });
  let layer = new Map<string | number, Node[]>();
  const start: Node = {
    units: 0,
    cost: 0,
    reduced: 0,
    prog: new Array<number>(D).fill(0),
    crossMask: 0,
    distinct: clauses.map(() => []),
    from: null,
    bundle: null,
  };
  layer.set(keyOf(start), [start]);
  const hopeless = (i: number, s: Node): boolean => {
    const fm = featMax[i] ?? [];
    for (let d = 0; d < D; d++) if ((s.prog[d] ?? 0) + (fm[d] ?? 0) < (caps[d] ?? 0)) return true;
    const need = k.owed(s.prog);
    if (need > 0 && (s.units + need > p.hi || s.cost + k.owedCost(i, need) >= limit)) return true;
    return !clauses.every((c, ci) => {
      const held = s.distinct[ci] ?? [];
      return held === SATISFIED || canStillReach(c, new Set(held), valuesLeft[i]?.[ci] ?? []);
    });
  };
  // The last block ends the composition: each partial choice needs only its cheapest completing
  // bundle, and every one found lowers the limit for the rest.
  let best: Node | null = null;
  let bestBundle: Bundle | null = null;
  let bestLimit = limit;
  const completes = (s: Node, b: Bundle, crossMask: number): boolean => {
    const units = s.units + b.units;
    if (units < p.lo || units > p.hi || (crossMask & s.crossMask) !== 0) return false;
    for (let d = 0; d < D; d++) if ((s.prog[d] ?? 0) + (b.prog[d] ?? 0) < (caps[d] ?? 0)) return false;
    if (clauses.length === 0) return true;
    const distinct = withValues(s.distinct, b.distinct);
    return distinct.every((d) => d === SATISFIED);
  };
  const scratch = new Array<number>(D).fill(0);
  for (let i = 0; i < n; i++) {
    if (i === n - 1) {
      for (const front of layer.values())
        for (const s of front) {
          if (budget.spent()) return { status: 'not-found-in-budget', items: null, cost: INF };
          for (const { bundle: b, crossMask } of lists[i] ?? []) {
            if (s.cost + b.cost >= bestLimit) break;
            if (!completes(s, b, crossMask)) continue;
            best = s;
            bestBundle = b;
            bestLimit = s.cost + b.cost;
            break;
          }
        }
      break;
    }
    const next = new Map<string | number, Node[]>();
    for (const front of layer.values())
      for (const s of front) {
        if (budget.spent()) return { status: 'not-found-in-budget', items: null, cost: INF };
        if (hopeless(i, s)) continue;
        for (const { bundle: b, crossMask } of lists[i] ?? []) {
          const cost = s.cost + b.cost;
          if (cost >= limit) break;
          const units = s.units + b.units;
          if (units > p.hi || cost + k.bound(i + 1, units) >= limit || (crossMask & s.crossMask) !== 0) continue;
          const reduced = s.reduced + b.reduced;
          if (reduced + k.reducedBound(i + 1, units) > limit - 1 + 1e-6) continue;
          for (let d = 0; d < D; d++) scratch[d] = Math.min(caps[d] ?? 0, (s.prog[d] ?? 0) + (b.prog[d] ?? 0));
          const node: Node = {
            units,
            cost,
            reduced,
            prog: scratch,
            crossMask: s.crossMask | crossMask,
            distinct: clauses.length > 0 ? withValues(s.distinct, b.distinct) : s.distinct,
            from: s,
            bundle: b,
          };
          // Most candidates are dominated: the progress vector is copied only for those kept.
          const key = keyOf(node);
          if (next.get(key)?.some((t) => dominates(t, node))) continue;
          node.prog = scratch.slice();
          putNonDominated(next, key, node, dominates, { undominated: true });
        }
      }
    layer = next;
  }
  if (n === 0) {
    const empty = start.units >= p.lo && start.units <= p.hi && caps.every((c) => c <= 0) && clauses.length === 0;
    return empty ? { status: 'optimal', items: [], cost: 0 } : { status: 'infeasible', items: null, cost: INF };
  }
  if (!best || !bestBundle) return { status: 'infeasible', items: null, cost: INF };
  const items: number[] = [...bestBundle.items()];
  for (let s: Node | null = best; s; s = s.from) if (s.bundle) items.push(...s.bundle.items());
  return { status: 'optimal', items: items.sort((a, b) => a - b), cost: bestLimit };
};
