import type { Budget } from './budget.js';
import {
  blockBundles,
  blockCostByUnits,
  maxTakeOf,
  progCaps,
  type Bundle,
  type ReducedCostCap,
  type ShortFronts,
} from './bundles.js';
import { crossGroups, dominatedGrouped } from './choice-units.js';
import type { Problem } from './compile.js';
import { CostLevels } from './cost-levels.js';
import { heldRequirementBound } from './held-bound.js';
import { noPrices, type PriceSearch, priceSearch, type Relaxation, relax, unitPrices } from './lagrangian.js';
import { nestedSatisfied, nestedSignature } from './nested.js';
import { respectsPrerequisites } from './prerequisites.js';
import { combineByLayers } from './combine-layers.js';
import { canStillReach, DistinctValues, distinctClauses } from './tally.js';
import type { SolveStatus } from './types.js';

/** Row i of a table built with indices 0..n: in range by construction, checked anyway. */
const at = <T>(rows: readonly T[], i: number): T => {
  const row = rows[i];
  if (row === undefined) throw new RangeError(`row ${i} of ${rows.length}`);
  return row;
};

/** How the search spends its effort; the defaults are what requests use. */
export interface SearchTuning {
  /** Depth-first nodes per level before the layered combination takes over (default 5,000; 0: the layers at once, without the quick dive). */
  depthFirstNodes?: number;
}

export interface SearchResult {
  status: SolveStatus;
  /** Chosen items (indices into Problem.items), or null when none was found. */
  items: number[] | null;
  cost: number;
}

/**
 * One level's search; `wholeLevel` when it was exhaustive, even though it was meant as a quick dive.
 * `completeBlocks`: a dive's bundles, by block, of the blocks whose short fronts never turned a state
 * away, which are every undominated bundle, exactly what the full search of the level would build.
 */
type LevelResult = SearchResult & { wholeLevel?: boolean; completeBlocks?: ReadonlyMap<number, Bundle[]> };

const INF = Number.POSITIVE_INFINITY;
/** How much further each level reaches above the floor than the last. */
const LEVEL_GROWTH = 4;
/** Nodes the depth-first search may visit at one level before the layered combination takes over. */
const DEPTH_FIRST_NODES = 5_000;
/** The quick dive before each level's search: states kept per block, count and units, and its nodes. */
const DIVE_FRONT = 4;
const DIVE_NODES = 1_000;

/** Cheapest way for blocks i.. to add exactly u units within their own bounds (a knapsack DP). */
const relaxation = (perBlock: readonly Map<number, number>[], U: number): Float64Array[] => {
  const n = perBlock.length;
  const g: Float64Array[] = Array.from({ length: n + 1 }, () => new Float64Array(U + 1).fill(INF));
  at(g, n)[0] = 0;
  for (let i = n - 1; i >= 0; i--) {
    const gi = at(g, i);
    const gn = at(g, i + 1);
    for (const [units, cost] of perBlock[i] ?? []) {
      for (let u = 0; u + units <= U; u++) {
        const v = cost + (gn[u] ?? INF);
        if (v < (gi[u + units] ?? INF)) gi[u + units] = v;
      }
    }
  }
  return g;
};

/** For each block, the relaxation of all the other blocks: g_{-i}(v) by min-plus convolution. */
const leaveOneOut = (perBlock: readonly Map<number, number>[], U: number): Float64Array[] => {
  const n = perBlock.length;
  const step = (acc: Float64Array, m: Map<number, number> | undefined) => {
    const out = new Float64Array(U + 1).fill(INF);
    for (const [units, cost] of m ?? [])
      for (let u = 0; u + units <= U; u++) {
        const v = (acc[u] ?? INF) + cost;
        if (v < (out[u + units] ?? INF)) out[u + units] = v;
      }
    return out;
  };
  const unit = new Float64Array(U + 1).fill(INF);
  unit[0] = 0;
  const prefix: Float64Array[] = [unit];
  for (let i = 0; i < n; i++) prefix.push(step(at(prefix, i), perBlock[i]));
  const suffix: Float64Array[] = new Array<Float64Array>(n + 1);
  suffix[n] = unit;
  for (let i = n - 1; i >= 0; i--) suffix[i] = step(at(suffix, i + 1), perBlock[i]);
  return perBlock.map((_, i) => {
    const a = at(prefix, i);
    const b = at(suffix, i + 1);
    const out = new Float64Array(U + 1).fill(INF);
    for (let x = 0; x <= U; x++) {
      const ax = a[x] ?? INF;
      if (ax === INF) continue;
      for (let y = 0; x + y <= U; y++) {
        const v = ax + (b[y] ?? INF);
        if (v < (out[x + y] ?? INF)) out[x + y] = v;
      }
    }
    return out;
  });
};

const rangeMin = (g: Float64Array, from: number, to: number): number => {
  let m = INF;
  for (let v = Math.max(0, from); v <= to; v++) if ((g[v] ?? INF) < m) m = g[v] ?? INF;
  return m;
};

/**
 * Exact minimum-cost choice of counted items satisfying the whole rule (docs/engine.md, "Eligibility
 * plan and stackability").
 *
 * Lower bounds: a knapsack over institutions (the ECTS range and each institution's own bounds) and
 * the Lagrangian relaxation, which prices the requirements in (lagrangian.ts). The search then looks
 * for the cheapest solution of cost ≤ L, level after level from the bound up: a solution of cost ≤ L
 * spends at most L − (the others' minimum costs) in any one institution, which bounds the bundles
 * each institution offers, and credentials whose own bound passes L are left out. Each level is a
 * quick dive, then a branch and bound over institutions (by layers when depth first runs long). A
 * solution found within a level after every lower level came back empty is optimal, one at the
 * floor at once; when L reaches the cost of taking everything, "none found" proves infeasibility.
 */
export const minimise = (p: Problem, budget: Budget, tuning: SearchTuning = {}): SearchResult => {
  if (p.lo > p.hi) return { status: 'infeasible', items: null, cost: INF };
  const cross = crossGroups(p);
  // The relaxation without prices is cheap, and holds the institutions' knapsack (the ECTS range
  // and each institution's own bounds) that the levels' caps are made of. Pricing every
  // requirement's ECTS at what a unit costs probes whether prices raise it: when they do, the local
  // search over prices (the strongest relaxation) is worth starting at once, up to its first rise;
  // when they do not, it seldom finds better prices. Either way the whole search waits until a
  // level comes back empty.
  const unpriced = relax(p, noPrices(p));
  if (unpriced.bound === INF) return { status: 'infeasible', items: null, cost: INF };
  const perBlock = unpriced.blockCosts();
  let lagrangian: Relaxation = unpriced.complete();
  let strong = p.spec.reqs.length === 0;
  const probed = strong ? unpriced : relax(p, unitPrices(p));
  let prices: PriceSearch | undefined;
  const priceSearchOf = () => {
    prices ??= priceSearch(p, { none: unpriced, unitPrices: probed });
    return prices;
  };
  if (!strong && probed.bound > lagrangian.bound + 1e-6) {
    // The search over prices is taken to its first rise only; the rest waits for a level to come
    // back empty (below), since the first level at the risen bound often holds the optimum.
    const search = priceSearchOf();
    strong = !search.improve();
    lagrangian = search.best();
  }
  if (lagrangian.bound === INF) return { status: 'infeasible', items: null, cost: INF };
  // Costs are whole numbers: a bound of 20.3 proves 21, and only costs some plan can have are
  // floors (cost-levels.ts). A level found empty raises the floor to the next such cost. Levels
  // then reach further above the floor each time, close to it first, since the relaxation is tight
  // and the optimum is often within a credential or two of it: the floor itself for the first two
  // levels (the tightest level has the fewest bundles, and a quick dive finds what it holds), then
  // + 1, + 4, + 16, … in cost; and once the floor is an ECTS or more above the bound, never less
  // than it has climbed: far from the bound a level is costly even when empty, so each one at least
  // doubles the distance searched.
  const costs = new CostLevels(p);
  let floor = costs.atOrAbove(Math.ceil(lagrangian.bound - 1e-6));
  let climbedFrom = floor;
  const oneEcts = p.big * p.tieScale * p.scale;
  const allCost = p.items.reduce((s, it) => s + it.cost, 0);
  // Worked out once the first level comes back empty: it seldom raises the bound (held-bound.ts).
  let heldBound: number | undefined;
  let emptyLevels = 0;
  // The problem without the credentials a level leaves out, and its blocks' knapsacks, by the set left out.
  let narrowed: { drop: Set<number>; q: Problem; qBlocks: Map<number, number>[]; others: Float64Array[] } | undefined;
  // Depth first off means the layers alone (tests use it to exercise them): no dive either.
  const depthFirstNodes = tuning.depthFirstNodes ?? DEPTH_FIRST_NODES;
  for (;;) {
    if (floor === INF) return { status: 'infeasible', items: null, cost: INF };
    const climbed = floor - climbedFrom;
    const reach = emptyLevels < 2 ? 0 : Math.max(LEVEL_GROWTH ** (emptyLevels - 2), climbed >= oneEcts ? climbed : 0);
    const level = Math.min(floor + reach, allCost);
    // Credentials that no composition within the level can contain are left out of its search.
    const drop = new Set(p.items.flatMap((it) => (lagrangian.boundWith(it.idx) > level + 1e-6 ? [it.idx] : [])));
    // Levels close together often leave out the same credentials: what follows from those alone is kept.
    if (!narrowed || !sameSet(narrowed.drop, drop)) {
      const q = drop.size > 0 ? withoutItems(p, drop) : p;
      const qBlocks = drop.size > 0 ? q.blocks.map((b) => blockCostByUnits(q, b, cross)) : perBlock;
      narrowed = { drop, q, qBlocks, others: leaveOneOut(qBlocks, p.hi) };
    }
    const { q, qBlocks, others } = narrowed;
    // A bundle of u units in block i is worth considering only if the cheapest way for the other
    // blocks to complete the ECTS range leaves it within the level.
    const caps = others.map((g) => {
      const cap = new Float64Array(p.hi + 1);
      for (let u = 0; u <= p.hi; u++) cap[u] = level - rangeMin(g, p.lo - u, p.hi - u);
      return cap;
    });
    const reduced = { caps: reducedCaps(lagrangian, level), constant: lagrangian.constant, floor };
    // An institution left with nothing to offer within the level: the level is empty.
    const blockEmpty = qBlocks.some((m) => m.size === 0);
    // A quick dive first, over a few bundles per block and size: a plan it finds at the floor is
    // optimal whatever it missed, and often that plan is among the first the full search meets.
    const dive =
      blockEmpty || depthFirstNodes === 0
        ? null
        : searchWithin(q, budget, level, caps, { depthFirstNodes: DIVE_NODES, reduced, frontLimit: DIVE_FRONT });
    if (dive?.items && dive.cost <= floor && !budget.aborted)
      return { status: 'optimal', items: dive.items, cost: dive.cost };
    // A dive whose fronts never filled up and whose depth first ran to the end searched the whole
    // level: the full search would repeat it step for step.
    const found = blockEmpty
      ? { status: 'infeasible' as const, items: null, cost: INF }
      : dive?.wholeLevel
        ? dive
        : searchWithin(q, budget, level, caps, {
            depthFirstNodes,
            reduced,
            incumbent: dive,
            complete: dive?.completeBlocks,
          });
    const { items, cost } = found;
    if (budget.aborted) return { status: items ? 'feasible-not-proven' : 'not-found-in-budget', items, cost };
    if (items) return { status: 'optimal', items, cost };
    if (level >= allCost) return { status: 'infeasible', items: null, cost: INF };
    heldBound ??= heldRequirementBound(p);
    floor = Math.max(level + 1, heldBound);
    if (!strong) {
      strong = true;
      lagrangian = priceSearchOf().finish();
      const risen = Math.ceil(lagrangian.bound - 1e-6);
      // A bound that rises past the level starts the climb afresh from it; one that does not (the
      // search over prices found nothing higher, or had already risen to it) leaves the climb
      // where it was.
      if (risen > floor) {
        floor = risen;
        emptyLevels = 0;
      } else emptyLevels++;
    } else emptyLevels++;
    floor = costs.atOrAbove(floor);
    // The strongest relaxation's bound is where the climb starts again.
    if (emptyLevels === 0) climbedFrom = floor;
  }
};

const sameSet = (a: ReadonlySet<number>, b: ReadonlySet<number>): boolean => {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
};

/** Per block: the most reduced cost its bundle of u units may have within the level. */
const reducedCaps = (r: Relaxation, level: number): ReducedCostCap[] =>
  r.restOf.map((rest) => {
    const capByUnits = new Float64Array(rest.length);
    for (let u = 0; u < rest.length; u++) capByUnits[u] = level - (rest[u] ?? INF);
    return { reduced: r.reduced, capByUnits };
  });

/** The problem with some credentials left out of every block and exclusion group (indices unchanged). */
const withoutItems = (p: Problem, drop: ReadonlySet<number>): Problem => ({
  ...p,
  blocks: p.blocks.map((b) => ({ ...b, items: b.items.filter((i) => !drop.has(i)) })),
  groups: p.groups.map((g) => ({ ...g, items: g.items.filter((i) => !drop.has(i)) })),
});

/**
 * The problem without grouped offerings that a free ungrouped twin can always replace (see
 * dominatedGrouped): the optimum is unchanged, and an exclusion group left with one offering no
 * longer constrains anything, so its last offering joins the interchangeable ones. Two passes,
 * since freed offerings may make further ones dominated.
 */
const withoutDominated = (p: Problem, sig: (item: number) => string, caps: readonly Float64Array[]): Problem => {
  let q = p;
  for (let pass = 0; pass < 2; pass++) {
    const dropped = new Set<number>();
    q.blocks.forEach((b, bi) => {
      const cap = caps[bi];
      const costCap = cap ? Math.max(...cap) : INF;
      for (const i of dominatedGrouped(q, b, sig, maxTakeOf(q, b, costCap))) dropped.add(i);
    });
    if (dropped.size === 0) return q;
    const remaining = q.groups.map((g) => g.items.filter((i) => !dropped.has(i)));
    const live = new Set(remaining.flatMap((items, gi) => (items.length > 1 ? [gi] : [])));
    q = {
      ...q,
      items: q.items.map((it) =>
        it.groups.length === 0 ? it : { ...it, groups: it.groups.filter((g) => live.has(g)) },
      ),
      blocks: q.blocks.map((b) => ({ ...b, items: b.items.filter((i) => !dropped.has(i)) })),
      groups: q.groups.map((g, gi) => ({ ...g, items: live.has(gi) ? (remaining[gi] ?? []) : [] })),
    };
  }
  return q;
};

/** What the Lagrangian relaxation tells one level's search (lagrangian.ts). */
interface ReducedCosts {
  /** Per block: the most reduced cost a bundle may have, by its units. */
  caps: readonly ReducedCostCap[];
  /** Every composition costs at least its reduced cost plus this. */
  constant: number;
  /** A lower bound on every composition's cost: a solution this cheap ends the search. */
  floor: number;
}

/** How one level is searched. */
interface SearchEffort {
  /** Depth-first nodes before the layered combination takes over. */
  depthFirstNodes: number;
  reduced: ReducedCosts;
  /** States kept per block, count and units: finite for a quick dive, which proves nothing by failing. */
  frontLimit?: number;
  /** A solution within the level already known: only cheaper ones are looked for. */
  incumbent?: SearchResult | null;
  /** Bundles already built for this level, by block, complete (LevelResult.completeBlocks). */
  complete?: ReadonlyMap<number, Bundle[]> | undefined;
}

/** Branch and bound over institutions for the cheapest solution of cost ≤ level. */
const searchWithin = (
  p0: Problem,
  budget: Budget,
  level: number,
  caps0: Float64Array[],
  how: SearchEffort,
): LevelResult => {
  const { depthFirstNodes, reduced, frontLimit = INF, incumbent, complete } = how;
  // Short fronts make a quick dive, not a search: it may miss solutions, so it never hands over to the layers.
  const diving = frontLimit < INF;
  let turnedAway = false;
  const completeBlocks = new Map<number, Bundle[]>();
  const nested = (p0.rule.programmes?.length ?? 0) > 0;
  // Offerings bound by a prerequisite are told apart like nested signatures are, so that bundle
  // dominance never merges a choice the leaf check would refuse with one it would accept.
  const prerequisite = new Set(p0.requires.flat());
  const nestedSig = nested ? nestedSignature(p0) : () => '';
  const sig = prerequisite.size > 0 ? (i: number) => `${nestedSig(i)}${prerequisite.has(i) ? `#${i}` : ''}` : nestedSig;
  const distinguish = nested || prerequisite.size > 0;
  const p = p0.groups.length > 0 ? withoutDominated(p0, sig, caps0) : p0;
  const cross = crossGroups(p);
  const lists: Bundle[][] = [];
  const listBlock = new Map<Bundle[], number>();
  for (const [bi, b] of p.blocks.entries()) {
    const cap = caps0[bi] ?? new Float64Array(p.hi + 1).fill(INF);
    const short: ShortFronts | undefined = diving ? { limit: frontLimit, turnedAway: false } : undefined;
    const bs = complete?.get(bi) ?? blockBundles(p, b, cross, sig, distinguish, budget, cap, reduced.caps[bi], short);
    if (short?.turnedAway) turnedAway = true;
    else if (diving && !budget.aborted) completeBlocks.set(bi, bs);
    // A short front never turns away a block's last state: empty is empty, dive or not.
    if (bs.length === 0) return { status: 'infeasible', items: null, cost: INF, wholeLevel: !budget.aborted };
    lists.push(bs);
    listBlock.set(bs, bi);
  }
  lists.sort((a, b) => a.length - b.length);
  const n = lists.length;
  const g = relaxation(
    lists.map((bs) => {
      const m = new Map<number, number>();
      for (const b of bs) if (b.cost < (m.get(b.units) ?? INF)) m.set(b.units, b.cost);
      return m;
    }),
    p.hi,
  );
  // The same over reduced costs: with the constant, a bound that sees the requirements too.
  const rg =
    reduced.caps.length > 0
      ? relaxation(
          lists.map((bs) => {
            const m = new Map<number, number>();
            for (const b of bs) if (b.reduced < (m.get(b.units) ?? INF)) m.set(b.units, b.reduced);
            return m;
          }),
          p.hi,
        )
      : null;
  const bound = (i: number, units: number) => rangeMin(at(g, i), p.lo - units, p.hi - units);
  const reducedBound = (i: number, units: number) =>
    rg ? reduced.constant + rangeMin(at(rg, i), p.lo - units, p.hi - units) : Number.NEGATIVE_INFINITY;

  const caps = progCaps(p);
  const D = caps.length;
  const featMax: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(D).fill(0));
  const clauses = distinctClauses(p);
  // Per block position i and distinct clause: the values the bundles of blocks i.. can bring.
  const valuesLeft: Set<string>[][] = Array.from({ length: n + 1 }, () => clauses.map(() => new Set<string>()));
  for (let i = n - 1; i >= 0; i--) {
    const row = at(featMax, i);
    const next = at(featMax, i + 1);
    const here = new Array<number>(D).fill(0);
    const values = (valuesLeft[i + 1] ?? []).map((v) => new Set(v));
    for (const b of lists[i] ?? []) {
      for (let d = 0; d < D; d++) here[d] = Math.max(here[d] ?? 0, b.prog[d] ?? 0);
      b.distinct.forEach((keys, ci) => {
        for (const k of keys) values[ci]?.add(k);
      });
    }
    for (let d = 0; d < D; d++) row[d] = (next[d] ?? 0) + (here[d] ?? 0);
    valuesLeft[i] = values;
  }
  const distinctReachable = (i: number, held: DistinctValues): boolean =>
    clauses.every((c, ci) => canStillReach(c, held.of(ci), valuesLeft[i]?.[ci] ?? []));

  // What the requirements still owe, in units: each shortfall in units, or in count times the
  // smallest credential serving the requirement. Held credentials of the blocks still to choose may
  // pay part of it for nothing (freeProg); the rest is paid by offerings at `big` a unit or more.
  // All of it adds to the total, so it must fit under the ECTS maximum.
  const R = p.spec.reqs.length;
  const smallestServing = p.spec.reqs.map((_, r) =>
    p.items.reduce((m, it) => (it.serves.includes(r) ? Math.min(m, it.units) : m), INF),
  );
  // Held credentials cost nothing: each may lower the shortfall by its units, in whichever bundle.
  const heldServing = p.blocks.map((b) =>
    b.items.reduce((sum, i) => {
      const it = p.items[i];
      return it && it.cost === 0 && it.serves.length > 0 ? sum + it.units : sum;
    }, 0),
  );
  const freeProg = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--)
    freeProg[i] = (freeProg[i + 1] ?? 0) + (heldServing[listBlock.get(lists[i] ?? []) ?? -1] ?? 0);
  const owed = (vec: readonly number[]): number => {
    let need = 0;
    for (let r = 0; r < R; r++) {
      const byUnits = (caps[2 * r + 1] ?? 0) - (vec[2 * r + 1] ?? 0);
      const byCount = ((caps[2 * r] ?? 0) - (vec[2 * r] ?? 0)) * (smallestServing[r] ?? 0);
      const short = Math.max(byUnits, byCount);
      if (short > 0) need += short;
    }
    return need;
  };
  const owedCost = (i: number, need: number): number => Math.max(0, need - (freeProg[i] ?? 0)) * p.big * p.tieScale;

  // Without leaf checks on the credentials themselves, partial choices can be merged (combineByLayers).
  const mergeable = !nested && prerequisite.size === 0 && cross.size <= 30;
  // Depth first finds cheap solutions soon and often proves the level in few nodes; when it has not
  // within this many, the layers finish the proof, under the best cost depth first found.
  const nodeLimit = mergeable ? depthFirstNodes : INF;
  let nodes = 0;
  let cut = false;
  let proven = false;

  let bestCost = incumbent?.items ? Math.min(level + 1, incumbent.cost) : level + 1;
  let bestItems: number[] | null = incumbent?.items && incumbent.cost <= level ? incumbent.items : null;
  const chosen: Bundle[] = [];
  const crossUsed = new Set<number>();
  const held = new DistinctValues(clauses.length);
  const vecs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(D).fill(0));

  const dfs = (i: number, units: number, cost: number, red: number): void => {
    if (cut || proven || budget.spent()) return;
    if (++nodes > nodeLimit) {
      cut = true;
      return;
    }
    const vec = at(vecs, i);
    if (i === n) {
      if (units < p.lo || units > p.hi || !held.meets(clauses)) return;
      // SPEC §5.4: every requirement reached its minimums with the credentials allocated to it.
      for (let d = 0; d < D; d++) if ((vec[d] ?? 0) < (caps[d] ?? 0)) return;
      const items = chosen.flatMap((b) => b.items());
      // Prerequisites are checked here, at the leaf: the bounds never count on them, so they stay valid.
      if (!respectsPrerequisites(p, items)) return;
      if (nested && !nestedSatisfied(p, items, budget)) return;
      bestCost = cost;
      bestItems = items;
      // Nothing is cheaper than the lower bound: this one is optimal.
      if (cost <= reduced.floor) proven = true;
      return;
    }
    const fm = at(featMax, i);
    for (let d = 0; d < D; d++) if ((vec[d] ?? 0) + (fm[d] ?? 0) < (caps[d] ?? 0)) return;
    if (R > 0) {
      const need = owed(vec);
      if (units + need > p.hi || cost + owedCost(i, need) >= bestCost) return;
    }
    if (!distinctReachable(i, held)) return;
    if (i === n - 1 && !nested && prerequisite.size === 0) {
      completeWithLast(units, cost, vec);
      return;
    }
    for (const b of lists[i] ?? []) {
      if (cost + b.cost >= bestCost) break;
      const u = units + b.units;
      if (u > p.hi || cost + b.cost + bound(i + 1, u) >= bestCost) continue;
      // Costs are whole numbers: a composition beating bestCost costs at most bestCost − 1.
      if (red + b.reduced + reducedBound(i + 1, u) > bestCost - 1 + 1e-6) continue;
      if (b.cross.some((x) => crossUsed.has(x))) continue;
      const next = at(vecs, i + 1);
      for (let d = 0; d < D; d++) next[d] = Math.min(caps[d] ?? 0, (vec[d] ?? 0) + (b.prog[d] ?? 0));
      for (const x of b.cross) crossUsed.add(x);
      held.add(b.distinct);
      chosen.push(b);
      dfs(i + 1, u, cost + b.cost, red + b.reduced);
      chosen.pop();
      held.remove(b.distinct);
      for (const x of b.cross) crossUsed.delete(x);
      if (budget.aborted || cut || proven) return;
    }
  };
  // The last block needs no recursion: its cheapest bundle that completes the composition, if any.
  const completeWithLast = (units: number, cost: number, vec: readonly number[]): void => {
    let scanned = 0;
    for (const b of lists[n - 1] ?? []) {
      if (cost + b.cost >= bestCost) break;
      if ((++scanned & 31) === 0 && ++nodes > nodeLimit) {
        cut = true;
        return;
      }
      const u = units + b.units;
      if (u < p.lo || u > p.hi || b.cross.some((x) => crossUsed.has(x))) continue;
      let short = false;
      for (let d = 0; d < D && !short; d++) short = (vec[d] ?? 0) + (b.prog[d] ?? 0) < (caps[d] ?? 0);
      if (short) continue;
      held.add(b.distinct);
      const meets = held.meets(clauses);
      held.remove(b.distinct);
      if (!meets) continue;
      bestCost = cost + b.cost;
      bestItems = [...chosen, b].flatMap((x) => x.items());
      if (bestCost <= reduced.floor) proven = true;
      return;
    }
  };
  dfs(0, 0, 0, 0);
  if (cut && !proven && !budget.aborted && !diving) {
    const crossBit = new Map([...cross].map((g, k) => [g, 1 << k]));
    const masked = lists.map((bs) =>
      bs.map((b) => ({ bundle: b, crossMask: b.cross.reduce((m, g) => m | (crossBit.get(g) ?? 0), 0) })),
    );
    const layered = combineByLayers(masked, {
      p,
      budget,
      caps,
      limit: bestCost,
      bound,
      reducedBound,
      featMax,
      clauses,
      valuesLeft,
      owed: R > 0 ? owed : () => 0,
      owedCost,
    });
    if (layered.items || layered.status !== 'infeasible') return layered;
  }
  // The closure above assigns bestItems; TypeScript cannot see that and narrows it to null.
  const found = bestItems as number[] | null;
  const wholeLevel = diving && !cut && !turnedAway && !budget.aborted;
  return {
    status: found ? 'optimal' : 'infeasible',
    items: found,
    cost: found ? bestCost : INF,
    wholeLevel,
    ...(diving ? { completeBlocks } : {}),
  };
};
