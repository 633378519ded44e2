import type { Budget } from './budget.js';
import type { Bundle } from './bundles.js';
import type { Problem } from './compile.js';
import type { SearchResult } from './search.js';

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
  /** Most progress per requirement dimension that blocks i.. can still bring. */
  featMax: readonly (readonly number[])[];
  /** Most institutions blocks i.. can still bring. */
  instMax: readonly number[];
  /** Countries blocks i.. can still bring. */
  countriesLeft: readonly ReadonlySet<string>[];
  /** Units the requirements still owe at this progress. */
  owed: (progress: readonly number[]) => number;
  /** Least cost at which blocks i.. pay `need` owed units. */
  owedCost: (i: number, need: number) => number;
}

interface Node {
  units: number;
  cost: number;
  prog: number[];
  crossMask: number;
  insts: number;
  countries: readonly string[];
  from: Node | null;
  bundle: Bundle | null;
}

const INF = Number.POSITIVE_INFINITY;

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
  const { p, budget, caps, featMax, instMax, countriesLeft } = k;
  const D = caps.length;
  const n = lists.length;
  const limit = k.limit;
  // Past the clause's minimum, more institutions or countries change nothing: keys stop counting there.
  const instKey = (x: number) => Math.min(x, p.minInstitutions);
  const countryKey = (cs: readonly string[]) => (cs.length >= p.minCountries ? '*' : cs.join(','));
  const keyOf = (s: Node) =>
    p.minCountries > 0
      ? `${s.units}|${s.crossMask}|${instKey(s.insts)}|${countryKey(s.countries)}`
      : `${s.units}|${s.crossMask}|${instKey(s.insts)}`;
  let layer = new Map<string, Node[]>();
  const start: Node = {
    units: 0,
    cost: 0,
    prog: new Array<number>(D).fill(0),
    crossMask: 0,
    insts: 0,
    countries: [],
    from: null,
    bundle: null,
  };
  layer.set(keyOf(start), [start]);
  const put = (into: Map<string, Node[]>, s: Node) => {
    const key = keyOf(s);
    const front = into.get(key);
    if (!front) {
      into.set(key, [s]);
      return;
    }
    for (const t of front) if (dominates(t, s)) return;
    let w = 0;
    for (const t of front) if (!dominates(s, t)) front[w++] = t;
    front.length = w;
    front.push(s);
  };
  const hopeless = (i: number, s: Node): boolean => {
    const fm = featMax[i] ?? [];
    for (let d = 0; d < D; d++) if ((s.prog[d] ?? 0) + (fm[d] ?? 0) < (caps[d] ?? 0)) return true;
    const need = k.owed(s.prog);
    if (need > 0 && (s.units + need > p.hi || s.cost + k.owedCost(i, need) >= limit)) return true;
    if (s.insts + (instMax[i] ?? 0) < p.minInstitutions) return true;
    if (p.minCountries > 0 && s.countries.length < p.minCountries) {
      let reachable = s.countries.length;
      for (const c of countriesLeft[i] ?? []) if (!s.countries.includes(c)) reachable++;
      if (reachable < p.minCountries) return true;
    }
    return false;
  };
  for (let i = 0; i < n; i++) {
    const next = new Map<string, Node[]>();
    for (const front of layer.values())
      for (const s of front) {
        if (budget.spent()) return { status: 'not-found-in-budget', items: null, cost: INF };
        if (hopeless(i, s)) continue;
        for (const { bundle: b, crossMask } of lists[i] ?? []) {
          const cost = s.cost + b.cost;
          if (cost >= limit) break;
          const units = s.units + b.units;
          if (units > p.hi || cost + k.bound(i + 1, units) >= limit || (crossMask & s.crossMask) !== 0) continue;
          const prog = new Array<number>(D);
          for (let d = 0; d < D; d++) prog[d] = Math.min(caps[d] ?? 0, (s.prog[d] ?? 0) + (b.prog[d] ?? 0));
          put(next, {
            units,
            cost,
            prog,
            crossMask: s.crossMask | crossMask,
            insts: s.insts + b.insts.length,
            countries: p.minCountries > 0 ? mergeCountries(s.countries, b.countries) : s.countries,
            from: s,
            bundle: b,
          });
        }
      }
    layer = next;
  }
  let best: Node | null = null;
  for (const front of layer.values())
    for (const s of front) {
      if (s.units < p.lo || s.units > p.hi || s.insts < p.minInstitutions || s.countries.length < p.minCountries)
        continue;
      if (s.prog.some((v, d) => v < (caps[d] ?? 0))) continue;
      if (!best || s.cost < best.cost) best = s;
    }
  if (!best) return { status: 'infeasible', items: null, cost: INF };
  const items: number[] = [];
  for (let s: Node | null = best; s; s = s.from) if (s.bundle) items.push(...s.bundle.items());
  return { status: 'optimal', items: items.sort((a, b) => a - b), cost: best.cost };
};

const mergeCountries = (a: readonly string[], b: readonly string[]): readonly string[] => {
  if (b.every((c) => a.includes(c))) return a;
  return [...new Set([...a, ...b])].sort();
};
