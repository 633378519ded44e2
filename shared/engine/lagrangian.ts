import { crossGroups } from './choice-units.js';
import type { Problem } from './compile.js';

/*
 * A Lagrangian relaxation of the plan problem (docs/engine.md, "Lower bounds and fixing").
 *
 * The requirements are what ties the institutions together beyond the ECTS range, so they are
 * moved into the costs: a credential that may be allocated to requirement r gives back λ_r per unit
 * and μ_r per credential, and the minimums are paid up front (λ·minUnits + μ·minCount). For any
 * composition and any allocation meeting the minimums, its cost is at least its reduced cost plus
 * that constant, so the cheapest reduced-cost choice that keeps everything else the relaxation can
 * see (the ECTS range, each institution's bounds, exclusion groups inside an institution, and
 * across institutions while they are few) bounds every plan from below, for any λ, μ ≥ 0.
 * Distinct-institution and country counts, prerequisites and nested programmes are dropped, which
 * only lowers the bound.
 *
 * The same tables bound the cost of every composition that contains a given credential; a
 * credential whose bound passes the level being searched can be left out of that level's search.
 */

const INF = Number.POSITIVE_INFINITY;
/** Exclusion groups across institutions followed exactly in the tables; beyond these they are dropped. */
const MAX_TRACKED_CROSS = 3;
/** A component of grouped offerings with more conflict-free options than this is relaxed to plain offerings. */
const MAX_OPTIONS = 256;
/** Rounds of changing one requirement's price at a time. */
const MAX_PASSES = 2;

export interface Multipliers {
  /** Per active requirement position (Problem.spec.reqs): the price of one unit allocated to it. */
  perUnit: readonly number[];
  /** Per active requirement position: the price of one credential allocated to it. */
  perCredential: readonly number[];
}

interface Option {
  n: number;
  units: number;
  rc: number;
  mask: number;
}

/** One institution's least reduced cost by (mask of tracked groups, count, units), before its own minimums. */
interface BlockTable {
  countCap: number;
  bounded: boolean;
  width: number;
  /** cells[mask][n·width + u] */
  cells: Float64Array[];
  /** Least reduced cost by mask and units, with the block's minimums met. */
  best: Float64Array[];
}

export interface Relaxation {
  /** A lower bound on the cost of every composition (INF when the relaxation has none). */
  bound: number;
  /** A lower bound on the cost of every composition containing item `i`. */
  boundWith: (i: number) => number;
  /** Reduced cost per item under the multipliers. */
  reduced: Float64Array;
  /** What the requirements' minimums cost up front: every plan costs its reduced cost plus this, or more. */
  constant: number;
  /**
   * Per block, when built with items: a bound on the cost of every composition in which this block
   * brings u units, less the block's own reduced cost (the others' least reduced cost plus the constant).
   */
  restOf: Float64Array[];
}

export const reducedCosts = (p: Problem, m: Multipliers): Float64Array => {
  const rc = new Float64Array(p.items.length);
  for (const it of p.items) {
    let gain = 0;
    for (const r of it.serves) gain = Math.max(gain, (m.perUnit[r] ?? 0) * it.units + (m.perCredential[r] ?? 0));
    rc[it.idx] = it.cost - gain;
  }
  return rc;
};

/** No prices: the relaxation keeps the ECTS range, institution bounds and exclusion groups only. */
export const noPrices = (p: Problem): Multipliers => ({
  perUnit: p.spec.reqs.map(() => 0),
  perCredential: p.spec.reqs.map(() => 0),
});

/** What one more unit of an added offering costs (compile.ts, Item.cost). */
const addedUnitPrice = (p: Problem): number => p.big * p.tieScale;

/** Every ECTS minimum priced at what an added unit costs: strongestRelaxation's second start. */
export const unitPrices = (p: Problem): Multipliers => ({
  perUnit: p.spec.reqs.map((q) => (q.minUnits > 0 ? addedUnitPrice(p) : 0)),
  perCredential: p.spec.reqs.map(() => 0),
});

const constantOf = (p: Problem, m: Multipliers): number =>
  p.spec.reqs.reduce((s, q, r) => s + (m.perUnit[r] ?? 0) * q.minUnits + (m.perCredential[r] ?? 0) * q.minCount, 0);

/** Grouped offerings of one block, joined when they share a group kept inside it; their conflict-free choices. */
const componentOptions = (
  p: Problem,
  members: readonly number[],
  inBlock: (g: number) => boolean,
  bitOf: ReadonlyMap<number, number>,
  rc: Float64Array,
): Option[] | null => {
  const options: Option[] = [];
  const used = new Set<number>();
  const walk = (k: number, n: number, units: number, cost: number, mask: number): boolean => {
    if (k === members.length) {
      options.push({ n, units, rc: cost, mask });
      return options.length <= MAX_OPTIONS;
    }
    if (!walk(k + 1, n, units, cost, mask)) return false;
    const i = members[k] ?? -1;
    const it = p.items[i];
    if (!it) return true;
    const mine = it.groups.filter(inBlock);
    let bits = 0;
    for (const g of it.groups) bits |= bitOf.get(g) ?? 0;
    if (mine.some((g) => used.has(g)) || (bits & mask) !== 0) return true;
    for (const g of mine) used.add(g);
    const ok = walk(k + 1, n + 1, units + it.units, cost + (rc[i] ?? 0), mask | bits);
    for (const g of mine) used.delete(g);
    return ok;
  };
  return walk(0, 0, 0, 0, 0) ? options : null;
};

const blockTable = (
  p: Problem,
  bi: number,
  rc: Float64Array,
  cross: ReadonlySet<number>,
  bitOf: ReadonlyMap<number, number>,
  masks: number,
): BlockTable => {
  const b = p.blocks[bi];
  if (!b) throw new RangeError(`block ${bi}`);
  const bounded = b.maxCount < Number.MAX_SAFE_INTEGER;
  const countCap = bounded ? b.maxCount : Math.max(b.minCount, 1);
  const maxU = Math.min(b.maxUnits, p.hi);
  const width = maxU + 1;
  const size = (countCap + 1) * width;
  const fold = (n: number) => (bounded ? n : Math.min(countCap, n));

  // Offerings in no group kept here differ only in units and reduced cost: k of one size are best
  // taken cheapest first, so each size is one step with the prefix sums of its sorted costs.
  const inBlockGroup = (g: number) => !cross.has(g);
  const tracked = (g: number) => bitOf.has(g);
  const bySize = new Map<number, number[]>();
  const grouped: number[] = [];
  for (const i of b.items) {
    const it = p.items[i];
    if (!it) continue;
    if (it.groups.some((g) => inBlockGroup(g) || tracked(g))) grouped.push(i);
    else {
      const costs = bySize.get(it.units);
      if (costs) costs.push(rc[i] ?? 0);
      else bySize.set(it.units, [rc[i] ?? 0]);
    }
  }
  let base = new Float64Array(size).fill(INF);
  base[0] = 0;
  // Two buffers in turn: a table per size step was a tenth of the relaxation's time in allocation.
  let next = new Float64Array(size);
  // The counts and units the steps so far can reach: the cells beyond are still empty.
  let reachN = 0;
  let reachU = 0;
  for (const [units, costs] of bySize) {
    costs.sort((x, y) => x - y);
    const kMax = Math.min(costs.length, Math.floor(maxU / Math.max(1, units)), bounded ? countCap : costs.length);
    const prefix = new Float64Array(kMax + 1);
    for (let k = 1; k <= kMax; k++) prefix[k] = (prefix[k - 1] ?? 0) + (costs[k - 1] ?? 0);
    next.fill(INF);
    for (let n = 0; n <= reachN; n++)
      for (let u = 0; u <= reachU; u++) {
        const v0 = base[n * width + u] ?? INF;
        if (v0 === INF) continue;
        for (let k = 0; k <= kMax; k++) {
          const n2 = fold(n + k);
          const u2 = u + k * units;
          if (n2 > countCap || u2 >= width) break;
          const v = v0 + (prefix[k] ?? 0);
          if (v < (next[n2 * width + u2] ?? INF)) next[n2 * width + u2] = v;
        }
      }
    [base, next] = [next, base];
    reachN = Math.min(countCap, reachN + kMax);
    reachU = Math.min(maxU, reachU + kMax * units);
  }

  // Components of grouped offerings: join by the groups kept inside the block.
  const parent = new Map(grouped.map((i) => [i, i]));
  const find = (i: number): number => {
    let r = i;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  for (const i of grouped)
    for (const g of p.items[i]?.groups ?? []) {
      if (!inBlockGroup(g)) continue;
      const first = p.groups[g]?.items.find((j) => parent.has(j));
      if (first !== undefined) parent.set(find(i), find(first));
    }
  const comps = new Map<number, number[]>();
  for (const i of grouped) {
    const root = find(i);
    const members = comps.get(root);
    if (members) members.push(i);
    else comps.set(root, [i]);
  }

  let cells: Float64Array[] = Array.from({ length: masks }, (_, m) =>
    m === 0 ? base : new Float64Array(size).fill(INF),
  );
  for (const members of comps.values()) {
    const options = componentOptions(p, members, inBlockGroup, bitOf, rc);
    const single = (i: number): Option[] => [
      { n: 0, units: 0, rc: 0, mask: 0 },
      { n: 1, units: p.items[i]?.units ?? 0, rc: rc[i] ?? 0, mask: 0 },
    ];
    // Too many choices to list: each offering on its own (a relaxation, so still a bound).
    const steps = options ? [options] : members.map(single);
    for (const opts of steps) {
      const next = Array.from({ length: masks }, () => new Float64Array(size).fill(INF));
      for (let m = 0; m < masks; m++) {
        const from = cells[m];
        if (!from) continue;
        for (let n = 0; n <= countCap; n++)
          for (let u = 0; u < width; u++) {
            const v0 = from[n * width + u] ?? INF;
            if (v0 === INF) continue;
            for (const o of opts) {
              if ((o.mask & m) !== 0) continue;
              const n2 = fold(n + o.n);
              const u2 = u + o.units;
              if (n2 > countCap || u2 >= width) continue;
              const to = next[m | o.mask];
              const v = v0 + o.rc;
              if (to && v < (to[n2 * width + u2] ?? INF)) to[n2 * width + u2] = v;
            }
          }
      }
      cells = next;
    }
  }
  const best = cells.map((t) => {
    const out = new Float64Array(p.hi + 1).fill(INF);
    for (let n = b.minCount; n <= countCap; n++)
      for (let u = b.minUnits; u < width; u++) {
        const v = t[n * width + u] ?? INF;
        if (v < (out[u] ?? INF)) out[u] = v;
      }
    return out;
  });
  return { countCap, bounded, width, cells, best };
};

/** Min-plus product of two mask-indexed tables over units, keeping masks disjoint. */
const combine = (a: Float64Array[], b: Float64Array[], hi: number): Float64Array[] => {
  const out = a.map(() => new Float64Array(hi + 1).fill(INF));
  a.forEach((ta, ma) => {
    b.forEach((tb, mb) => {
      if ((ma & mb) !== 0) return;
      const to = out[ma | mb];
      if (!to) return;
      for (let x = 0; x <= hi; x++) {
        const ax = ta[x] ?? INF;
        if (ax === INF) continue;
        for (let y = 0; x + y <= hi; y++) {
          const v = ax + (tb[y] ?? INF);
          if (v < (to[x + y] ?? INF)) to[x + y] = v;
        }
      }
    });
  });
  return out;
};

const identity = (masks: number, hi: number): Float64Array[] =>
  Array.from({ length: masks }, (_, m) => {
    const t = new Float64Array(hi + 1).fill(INF);
    if (m === 0) t[0] = 0;
    return t;
  });

/** A bound under some multipliers, with what completes it into a Relaxation. */
export interface RelaxedBound {
  bound: number;
  complete: () => Relaxation;
  /**
   * Per block, its least reduced cost by units, exclusion groups across institutions ignored:
   * under no prices, the institutions' knapsack (search.ts) without computing it again.
   */
  blockCosts: () => Map<number, number>[];
}

/** The relaxation's bound under the given multipliers; `complete` adds the per-item bounds. */
export const relax = (p: Problem, m: Multipliers): RelaxedBound => {
  const rc = reducedCosts(p, m);
  const constant = constantOf(p, m);
  const cross = crossGroups(p);
  // A group across institutions matters to the bound when two of its credentials are held: the
  // relaxation would otherwise count both for nothing. Groups of offerings only are dropped.
  const trackedGroups = [...cross]
    .filter((g) => (p.groups[g]?.items ?? []).filter((i) => p.items[i]?.cost === 0).length > 1)
    .slice(0, MAX_TRACKED_CROSS);
  const bitOf = new Map(trackedGroups.map((g, k) => [g, 1 << k]));
  const masks = 1 << trackedGroups.length;
  const tables = p.blocks.map((_, bi) => blockTable(p, bi, rc, cross, bitOf, masks));
  const n = tables.length;
  const prefix: Float64Array[][] = [identity(masks, p.hi)];
  for (let i = 0; i < n; i++) prefix.push(combine(prefix[i] ?? [], tables[i]?.best ?? [], p.hi));
  let bound = INF;
  for (const t of prefix[n] ?? []) for (let u = p.lo; u <= p.hi; u++) bound = Math.min(bound, (t[u] ?? INF) + constant);
  // Completed at most once: the search and the strongest relaxation may both ask for it.
  let completed: Relaxation | undefined;
  const complete = (): Relaxation => {
    completed ??=
      bound === INF
        ? { bound, boundWith: () => bound, reduced: rc, constant, restOf: [] }
        : withItemBounds(p, { bound, rc, constant, tables, prefix, masks });
    return completed;
  };
  const blockCosts = () =>
    tables.map((t) => {
      const out = new Map<number, number>();
      for (let u = 0; u <= p.hi; u++) {
        let least = INF;
        for (const byUnits of t.best) least = Math.min(least, byUnits[u] ?? INF);
        if (least < INF) out.set(u, least);
      }
      return out;
    });
  return { bound, complete, blockCosts };
};

const withItemBounds = (
  p: Problem,
  r: {
    bound: number;
    rc: Float64Array;
    constant: number;
    tables: readonly BlockTable[];
    prefix: readonly Float64Array[][];
    masks: number;
  },
): Relaxation => {
  const { bound, rc, constant, tables, prefix, masks } = r;
  const n = tables.length;
  const suffix: Float64Array[][] = new Array(n + 1);
  suffix[n] = identity(masks, p.hi);
  for (let i = n - 1; i >= 0; i--) suffix[i] = combine(tables[i]?.best ?? [], suffix[i + 1] ?? [], p.hi);
  // For each block: the least reduced cost of all the others for a total of units in [lo − u, hi − u].
  const othersRange = tables.map((_, i) => {
    const both = combine(prefix[i] ?? [], suffix[i + 1] ?? [], p.hi);
    const others = new Float64Array(p.hi + 1).fill(INF);
    for (const t of both) for (let v = 0; v <= p.hi; v++) others[v] = Math.min(others[v] ?? INF, t[v] ?? INF);
    const out = new Float64Array(p.hi + 1).fill(INF);
    for (let u = 0; u <= p.hi; u++) {
      let best = INF;
      for (let v = Math.max(0, p.lo - u); v <= p.hi - u; v++) best = Math.min(best, others[v] ?? INF);
      out[u] = best + constant;
    }
    return out;
  });
  // By block and units, then reduced cost: credentials alike in all three have one bound.
  const cache = new Map<number, Map<number, number>>();
  const boundWith = (i: number): number => {
    const it = p.items[i];
    const t = it ? tables[it.block] : undefined;
    const b = it ? p.blocks[it.block] : undefined;
    if (!it || !t || !b) return bound;
    const place = it.block * (p.hi + 2) + Math.min(it.units, p.hi + 1);
    let byCost = cache.get(place);
    if (!byCost) {
      byCost = new Map();
      cache.set(place, byCost);
    }
    const known = byCost.get(rc[i] ?? 0);
    if (known !== undefined) return known;
    // The block with this credential forced in: the table one credential smaller, plus it. The
    // table may already hold the same credential, which only lowers the bound.
    let best = INF;
    const others = othersRange[it.block] ?? new Float64Array(0);
    for (let n = 0; n <= t.countCap; n++) {
      const n2 = t.bounded ? n + 1 : Math.min(t.countCap, n + 1);
      if (n2 > t.countCap || n2 < b.minCount) continue;
      for (let u = 0; u + it.units < t.width; u++) {
        const u2 = u + it.units;
        if (u2 < b.minUnits) continue;
        let least = INF;
        for (const cells of t.cells) least = Math.min(least, cells[n * t.width + u] ?? INF);
        if (least === INF) continue;
        const v = least + (rc[i] ?? 0) + (others[u2] ?? INF);
        if (v < best) best = v;
      }
    }
    byCost.set(rc[i] ?? 0, best);
    return best;
  };
  return { bound, boundWith, reduced: rc, constant, restOf: othersRange };
};

/** The local search over prices, taken a rise of the bound at a time. */
export interface PriceSearch {
  /** The strongest relaxation met so far. */
  best(): Relaxation & { multipliers: Multipliers };
  /** Searches on until the bound rises once more: false when the search is over without a rise. */
  improve(): boolean;
  /** Searches to the end: the strongest relaxation of the whole search. */
  finish(): Relaxation & { multipliers: Multipliers };
}

/** Bounds the caller has already: relax(p, noPrices(p)) and relax(p, unitPrices(p)). */
export interface KnownStarts {
  none?: RelaxedBound;
  unitPrices?: RelaxedBound;
}

/**
 * Multipliers worth trying: per requirement, none; its units at the price of an added unit (an
 * offering serving it then costs only its count); and, with a count minimum, one credential at the
 * price of the cheapest offering that serves it. A local search over their combinations keeps the
 * best bound it meets; any multipliers give a valid bound, so this only decides how strong it is.
 * The plan search takes it one rise at a time (search.ts), and often needs no more than the first.
 */
export const priceSearch = (p: Problem, known: KnownStarts = {}): PriceSearch => {
  const unitPrice = addedUnitPrice(p);
  const cheapest = p.spec.reqs.map((_, r) =>
    p.items.reduce((m, it) => (it.cost > 0 && it.serves.includes(r) ? Math.min(m, it.cost) : m), INF),
  );
  type Price = { unit: number; credential: number };
  const choices: Price[][] = p.spec.reqs.map((q, r) => {
    const out: Price[] = [{ unit: 0, credential: 0 }];
    if (q.minUnits > 0) out.push({ unit: unitPrice, credential: 0 });
    const c = cheapest[r] ?? INF;
    if (q.minCount > 0 && c < INF) out.push({ unit: 0, credential: c });
    return out;
  });
  const multipliersOf = (combo: readonly Price[]): Multipliers => ({
    perUnit: combo.map((c) => c.unit),
    perCredential: combo.map((c) => c.credential),
  });
  const evaluate = (combo: Price[]) => ({ combo, ...relax(p, multipliersOf(combo)) });
  // Start from none and from every unit price (requirements often bind together), then change one
  // requirement's price at a time while that raises the bound.
  const none = choices.map((c) => c[0] ?? { unit: 0, credential: 0 });
  const allUnits = choices.map((c) => c.find((o) => o.unit > 0) ?? c[0] ?? { unit: 0, credential: 0 });
  // The two starts are what the search evaluates first anyway (search.ts): not evaluated twice.
  let best = known.none ? { combo: none, ...known.none } : evaluate(none);
  const fromAll = known.unitPrices ? { combo: allUnits, ...known.unitPrices } : evaluate(allUnits);
  if (fromAll.bound > best.bound) best = fromAll;
  // A later round meets many combinations an earlier one evaluated: each is evaluated once.
  const keyOf = (combo: readonly Price[]) => combo.map((c) => `${c.unit}:${c.credential}`).join('|');
  const seen = new Set([keyOf(none), keyOf(allUnits)]);
  function* rises(): Generator<void, void, void> {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let raised = false;
      for (const [r, options] of choices.entries()) {
        for (const o of options) {
          if (o === best.combo[r]) continue;
          const combo = best.combo.map((c, k) => (k === r ? o : c));
          const key = keyOf(combo);
          if (seen.has(key)) continue;
          seen.add(key);
          const tried = evaluate(combo);
          if (tried.bound > best.bound + 1e-9) {
            best = tried;
            raised = true;
            yield;
          }
        }
      }
      if (!raised) return;
    }
  }
  const steps = rises();
  const search: PriceSearch = {
    best: () => ({ ...best.complete(), multipliers: multipliersOf(best.combo) }),
    improve: () => !steps.next().done,
    finish: () => {
      while (search.improve());
      return search.best();
    },
  };
  return search;
};

/** The whole local search over prices (priceSearch): the strongest relaxation it meets. */
export const strongestRelaxation = (p: Problem, known: KnownStarts = {}): Relaxation & { multipliers: Multipliers } =>
  priceSearch(p, known).finish();
