import type { Budget } from './budget.js';
import { choiceUnits, type ChoiceUnit, type Component } from './choice-units.js';
import { maximalDemands, pickItems, sizeGroups, type SizeGroup } from './size-groups.js';
import type { Block, Item, Problem } from './compile.js';
import { putNonDominated } from './pareto.js';

import { distinctClauses, meetsBlockMinima, withinBlockMaxima } from './tally.js';

/**
 * What one block (an institution, or the external credentials) can contribute: choices of its
 * offerings that meet the block's own bounds, each with the allocation of its credentials to
 * requirements decided (SPEC §5.4), reduced to what the rest of the rule sees. Institutions are
 * independent but for the total, the requirements, exclusion groups across institutions and the
 * distinct institution and country counts.
 */
export interface Bundle {
  units: number;
  cost: number;
  /** A lower bound on its credentials' reduced cost (lagrangian.ts); 0 when no relaxation was given. */
  reduced: number;
  /** Allocated progress per active requirement: [count, units] pairs, capped at the minimums. */
  prog: number[];
  /** Exclusion groups spanning blocks that this bundle uses. */
  cross: number[];
  /** Per distinct clause (tally.ts, distinctClauses), the values the bundle's credentials carry, sorted. */
  distinct: string[][];
  /** The bundle's credentials, picked on demand (the search needs them only for solutions). */
  items: () => number[];
}

interface Wit {
  items?: number[];
  group?: SizeGroup;
  demand?: readonly number[];
  electives?: number;
  next: Wit | null;
}
interface State {
  count: number;
  /** A lower bound on the reduced cost of the state's credentials (lagrangian.ts). */
  reduced: number;
  units: number;
  cost: number;
  prog: number[];
  cross: number[];
  distinct: string[][];
  sig: string;
  wit: Wit | null;
}

const union = (a: string[], b: readonly (string | undefined)[]): string[] => {
  if (b.length === 0) return a;
  if (b.every((x) => x === undefined || a.includes(x))) return a;
  const out = new Set(a);
  for (const x of b) if (x !== undefined) out.add(x);
  return [...out].sort();
};

const subset = (a: readonly number[], b: readonly number[]): boolean => {
  for (const x of a) if (!b.includes(x)) return false;
  return true;
};

/** At most the cost, at least the progress on every requirement, a subset of the exclusion groups. */
const dominates = (t: State, s: State): boolean => {
  if (t.cost > s.cost) return false;
  const tp = t.prog;
  const sp = s.prog;
  for (let d = 0; d < tp.length; d++) if ((tp[d] ?? 0) < (sp[d] ?? 0)) return false;
  return t.cross.length === 0 || subset(t.cross, s.cross);
};

export const progCaps = (p: Problem): number[] => p.spec.reqs.flatMap((r) => [r.minCount, r.minUnits]);

/** Adds `k` credentials of `units` allocated to requirement position `r`. */
const serve = (caps: readonly number[], prog: number[], r: number, k: number, units: number) => {
  prog[2 * r] = Math.min(caps[2 * r] ?? 0, (prog[2 * r] ?? 0) + k);
  prog[2 * r + 1] = Math.min(caps[2 * r + 1] ?? 0, (prog[2 * r + 1] ?? 0) + k * units);
};

/** The most credentials the block can take at all: its maximum, its ECTS room, and what the cost cap pays for. */
export const maxTakeOf = (p: Problem, block: Block, costCap: number): number => {
  const its = block.items.map((i) => p.items[i]);
  const held = its.filter((it) => it?.cost === 0).length;
  const minUnits = Math.min(...its.map((it) => it?.units ?? Number.MAX_SAFE_INTEGER));
  const minCost = Math.min(...its.map((it) => (it && it.cost > 0 ? it.cost : Number.POSITIVE_INFINITY)));
  // A cap below zero (a level the other blocks already fill) allows nothing: never a negative count.
  return Math.max(
    0,
    Math.min(
      block.maxCount,
      Math.floor(Math.min(block.maxUnits, p.hi) / Math.max(1, minUnits)),
      held + Math.floor(costCap / minCost),
    ),
  );
};

/**
 * A filter by reduced cost (lagrangian.ts): a bundle of u units can be part of a composition within
 * the level only if its credentials' reduced costs sum to at most `capByUnits[u]`.
 */
export interface ReducedCostCap {
  reduced: Float64Array;
  capByUnits: Float64Array;
}

/**
 * For each choice unit j (and past the last), the most reduced cost a state of w units entering it
 * may have: max over v of cap[w + v] minus the least reduced cost choice units j.. bring in v units.
 * Computed for the (j, w) the generation asks about, which are few.
 */
const reducedLimits = (
  hi: number,
  steps: readonly (readonly { units: number; reduced: number }[])[],
  cap: Float64Array,
): ((j: number, w: number) => number) => {
  const J = steps.length;
  const suffixes: Float64Array[] = new Array(J + 1);
  let suffix = new Float64Array(hi + 1).fill(Number.POSITIVE_INFINITY);
  suffix[0] = 0;
  suffixes[J] = suffix;
  for (let j = J - 1; j >= 0; j--) {
    const next = new Float64Array(hi + 1).fill(Number.POSITIVE_INFINITY);
    for (let v = 0; v <= hi; v++) {
      const base = suffix[v] ?? Number.POSITIVE_INFINITY;
      if (base === Number.POSITIVE_INFINITY) continue;
      for (const o of steps[j] ?? []) {
        const v2 = v + o.units;
        if (v2 > hi) continue;
        const c = base + o.reduced;
        if (c < (next[v2] ?? Number.POSITIVE_INFINITY)) next[v2] = c;
      }
    }
    suffix = next;
    suffixes[j] = suffix;
  }
  const known = suffixes.map(() => new Float64Array(hi + 1).fill(Number.NaN));
  return (j, w) => {
    const row = known[j];
    const sfx = suffixes[j];
    if (!row || !sfx || w > hi) return Number.NEGATIVE_INFINITY;
    const hit = row[w] ?? Number.NaN;
    if (!Number.isNaN(hit)) return hit;
    let m = Number.NEGATIVE_INFINITY;
    for (let v = 0; w + v <= hi; v++) {
      const sv = sfx[v] ?? Number.POSITIVE_INFINITY;
      if (sv === Number.POSITIVE_INFINITY) continue;
      const x = (cap[w + v] ?? Number.NEGATIVE_INFINITY) - sv;
      if (x > m) m = x;
    }
    row[w] = m;
    return m;
  };
};

/**
 * Fronts kept short for a quick dive (search.ts): at most `limit` states per count and units.
 * `turnedAway` records whether a full front ever refused a state; while it stays false, the bundles
 * are every undominated one, exactly what an unlimited front gives.
 */
export interface ShortFronts {
  readonly limit: number;
  turnedAway: boolean;
}

export const blockBundles = (
  p: Problem,
  block: Block,
  cross: Set<number>,
  nestedSig: (item: number) => string,
  nestedMode: boolean,
  budget: Budget,
  capByUnits: Float64Array,
  reducedCap?: ReducedCostCap,
  short?: ShortFronts,
): Bundle[] => {
  // A state only gains units and cost, so it is worth keeping while some final size allows its cost.
  const capFrom = new Float64Array(capByUnits.length);
  for (let u = capByUnits.length - 1, m = Number.NEGATIVE_INFINITY; u >= 0; u--) {
    m = Math.max(m, capByUnits[u] ?? m);
    capFrom[u] = m;
  }
  const costCap = capFrom[0] ?? Number.POSITIVE_INFINITY;
  const maxTake = maxTakeOf(p, block, costCap);
  const all: ChoiceUnit[] = choiceUnits(p, block, cross, nestedSig);
  const R = p.spec.reqs.length;
  const rateOf = (u: SizeGroup | Component) =>
    'kind' in u
      ? Math.min(
          ...u.options.flatMap((o) =>
            o.items.map((i) => {
              const it = p.items[i];
              return it ? it.cost / Math.max(1, it.units) : 0;
            }),
          ),
        )
      : u.cost / Math.max(1, u.units);
  // Cheapest per unit first, so that what is left to choose has the highest minimum rate.
  const units: (SizeGroup | Component)[] = [
    ...all.flatMap((u) => (u.kind === 'component' ? [u] : [])),
    ...sizeGroups(
      p,
      all.flatMap((u) => (u.kind === 'class' ? [u] : [])),
      R,
    ),
  ]
    .map((u) => ({ u, rate: rateOf(u) }))
    .sort((a, b) => a.rate - b.rate)
    .map((x) => x.u);
  // A state entering choice unit j can still end within the cap only if, for some final size u,
  // cost + rate_j·(u − units) ≤ cap[u], where rate_j is the least cost per unit of what is left
  // and u is at least what the block's minimums still force (each missing credential brings at
  // least the smallest size left). M[j][x] = max_{u ≥ x} (cap[u] − rate_j·u) answers it at once.
  const rates = units.map(rateOf);
  const sizes = units.map((u) =>
    'kind' in u ? Math.min(...u.options.flatMap((o) => o.items.map((i) => p.items[i]?.units ?? 0))) : u.units,
  );
  const minSizeFrom = sizes.map((_, j) => Math.min(...sizes.slice(j)));
  const M = rates.map((rate) => {
    const out = new Float64Array(capByUnits.length);
    for (let v = capByUnits.length - 1, m = Number.NEGATIVE_INFINITY; v >= 0; v--) {
      m = Math.max(m, (capByUnits[v] ?? Number.NEGATIVE_INFINITY) - rate * v);
      out[v] = m;
    }
    return out;
  });
  // Reduced costs: k credentials of a size group bring at least its k smallest; an option, its own.
  const reduced = reducedCap?.reduced;
  const groupPrefix = new Map<SizeGroup, Float64Array>();
  const optionReduced = new Map<Component, Float64Array>();
  let limitOf: ((j: number, w: number) => number) | null = null;
  if (reduced && reducedCap) {
    const steps = units.map((u) => {
      if ('kind' in u) {
        const per = new Float64Array(u.options.map((o) => o.items.reduce((sum, i) => sum + (reduced[i] ?? 0), 0)));
        optionReduced.set(u, per);
        return u.options.map((o, oi) => ({ units: o.units, reduced: per[oi] ?? 0 }));
      }
      const rcs = u.classes.flatMap((c) => c.items.map((i) => reduced[i] ?? 0)).sort((a, b) => a - b);
      const kMax = Math.min(rcs.length, Number.isFinite(maxTake) ? maxTake : rcs.length);
      const prefix = new Float64Array(kMax + 1);
      for (let k = 1; k <= kMax; k++) prefix[k] = (prefix[k - 1] ?? 0) + (rcs[k - 1] ?? 0);
      groupPrefix.set(u, prefix);
      return Array.from({ length: kMax + 1 }, (_, k) => ({ units: k * u.units, reduced: prefix[k] ?? 0 }));
    });
    limitOf = reducedLimits(p.hi, steps, reducedCap.capByUnits);
  }
  const reducedAllowed = (j: number, s: { units: number; reduced: number }): boolean =>
    !limitOf || s.reduced <= limitOf(j, s.units) + 1e-6;
  const allowed = (j: number, s: { count: number; units: number; cost: number }): boolean => {
    const m = M[j];
    if (!m) return s.cost <= (capByUnits[s.units] ?? Number.NEGATIVE_INFINITY) + 1e-6;
    const missing = Math.max(0, block.minCount - s.count);
    const floor = Math.max(s.units + missing * (minSizeFrom[j] ?? 0), block.minUnits);
    if (floor >= m.length) return false;
    return s.cost - (rates[j] ?? 0) * s.units <= (m[floor] ?? Number.NEGATIVE_INFINITY) + 1e-6;
  };
  const caps = progCaps(p);
  const clauses = distinctClauses(p);
  const withValues = (d: string[][], its: readonly (Item | undefined)[]) =>
    its.length === 0
      ? d
      : clauses.map((c, ci) =>
          union(
            d[ci] ?? [],
            its.map((it) => (it ? c.keyOf(it) : undefined)),
          ),
        );
  // Without a maximum, counts above max(minCount, 1) are all alike to the rest of the rule.
  const bounded = block.maxCount < Number.MAX_SAFE_INTEGER;
  const countOf = (n: number) => (bounded ? n : Math.min(n, Math.max(block.minCount, 1)));
  // States that agree on what the block's bounds and nested programmes see are compared by
  // dominance; a dominated state never ends in a better bundle, so dropping it is exact.
  const plain = !block.external && !nestedMode;
  const keyOf = (s: State): string | number =>
    plain ? s.count * (p.hi + 1) + s.units : `${s.count}|${s.units}|${s.distinct.join('|')}|${s.sig}`;
  let states = new Map<string | number, State[]>();
  // What a new state must stay within: the bound at the next choice unit (or the final cap).
  let putAt = 0;
  const start: State = {
    count: 0,
    reduced: 0,
    units: 0,
    cost: 0,
    prog: caps.map(() => 0),
    cross: [],
    distinct: clauses.map(() => []),
    sig: '',
    wit: null,
  };
  states.set(keyOf(start), [start]);
  const frontOptions = short
    ? {
        limit: short.limit,
        onFull: () => {
          short.turnedAway = true;
        },
      }
    : {};
  const put = (next: Map<string | number, State[]>, s: State) => {
    if (allowed(putAt, s) && reducedAllowed(putAt, s)) putNonDominated(next, keyOf(s), s, dominates, frontOptions);
  };
  // For k credentials from a group, only the maximal demand vectors matter (size-groups.ts).
  const maximalByK = new Map<SizeGroup, readonly (readonly number[])[][]>();
  for (const u of units) {
    if ('kind' in u) continue;
    maximalByK.set(u, maximalDemands(p, u, Math.min(u.size, Number.isFinite(maxTake) ? maxTake : u.size)));
  }
  units.forEach((u, ui) => {
    // Out of budget: the bundles stay incomplete, and the budget's flag makes the answer say so.
    if (budget.spent()) return;
    const next = new Map<string | number, State[]>();
    putAt = ui + 1;
    for (const front of states.values())
      for (const s of front) {
        // One choice unit over many states can take long: the budget is consulted inside it too.
        if (budget.spent()) return;
        // Costs are whole numbers; the rate is not, so compare with a little slack against rounding.
        if (!allowed(ui, s)) continue;
        if (!('kind' in u)) {
          const first = p.items[u.classes[0]?.items[0] ?? -1];
          const byK = maximalByK.get(u) ?? [];
          for (let k = 0; k < byK.length; k++) {
            const count = countOf(s.count + k);
            const unitsNow = s.units + k * u.units;
            if (!withinBlockMaxima(block, count, unitsNow) || unitsNow > p.hi || s.cost + k * u.cost > costCap) break;
            // Every demand vector at this k has the same count, units and costs: bounds are checked once.
            const reducedNow = s.reduced + (groupPrefix.get(u)?.[k] ?? 0);
            const shape = { count, units: unitsNow, cost: s.cost + k * u.cost, reduced: reducedNow };
            if (!allowed(ui + 1, shape) || !reducedAllowed(ui + 1, shape)) continue;
            const distinct = k > 0 ? withValues(s.distinct, [first]) : s.distinct;
            const sig = nestedMode && k > 0 ? `${s.sig}${ui}:${k},` : s.sig;
            for (const demand of byK[k] ?? []) {
              const prog = [...s.prog];
              let allocated = 0;
              demand.forEach((x, r) => {
                if (x > 0) {
                  serve(caps, prog, r, x, u.units);
                  allocated += x;
                }
              });
              // Built in the order every State is, so the engine sees one object shape.
              const state: State = {
                count,
                reduced: reducedNow,
                units: unitsNow,
                cost: shape.cost,
                prog,
                cross: s.cross,
                distinct,
                sig,
                wit: k > 0 ? { group: u, demand, electives: k - allocated, next: s.wit } : s.wit,
              };
              putNonDominated(next, keyOf(state), state, dominates, frontOptions);
            }
          }
        } else {
          u.options.forEach((o, oi) => {
            if (o.cross.some((g) => s.cross.includes(g))) return;
            const count = countOf(s.count + o.items.length);
            const unitsNow = s.units + o.units;
            if (!withinBlockMaxima(block, count, unitsNow) || unitsNow > p.hi) return;
            const wit = o.items.length ? { items: o.items, next: s.wit } : s.wit;
            const its = o.items.map((i) => p.items[i]);
            const base = {
              count,
              reduced: s.reduced + (optionReduced.get(u)?.[oi] ?? 0),
              units: unitsNow,
              cost: s.cost + o.cost,
              cross: o.cross.length ? [...s.cross, ...o.cross].sort((a, b) => a - b) : s.cross,
              distinct: withValues(s.distinct, its),
              sig: nestedMode && o.items.length > 0 ? `${s.sig}${ui}#${oi},` : s.sig,
              wit,
            };
            // Each credential of the option goes to one requirement it serves, or is an elective.
            const assign = (j: number, prog: number[]) => {
              const it = its[j];
              if (!it) {
                const { count, reduced, units, cost, cross, distinct, sig, wit } = base;
                put(next, { count, reduced, units, cost, prog, cross, distinct, sig, wit });
                return;
              }
              assign(j + 1, prog);
              for (const r of it.serves) {
                const q = [...prog];
                serve(caps, q, r, 1, it.units);
                assign(j + 1, q);
              }
            };
            assign(0, [...s.prog]);
          });
        }
      }
    states = next;
  });
  // Past the block's own bounds the count no longer matters: compare across counts once more.
  const final = new Map<string | number, State[]>();
  putAt = units.length;
  for (const front of states.values())
    for (const s of front) {
      if (!meetsBlockMinima(block, s.count, s.units) || s.cost > (capByUnits[s.units] ?? Number.NEGATIVE_INFINITY))
        continue;
      const { reduced, units, cost, prog, cross, distinct, sig, wit } = s;
      put(final, { count: 0, reduced, units, cost, prog, cross, distinct, sig, wit });
    }
  const out: Bundle[] = [];
  for (const front of final.values())
    for (const s of front) {
      const wit = s.wit;
      const items = () => {
        const picked: number[] = [];
        for (let w = wit; w; w = w.next) {
          if (w.items) picked.push(...w.items);
          if (w.group && w.demand) picked.push(...pickItems(p, w.group, w.demand, w.electives ?? 0));
        }
        return picked.sort((a, b) => a - b);
      };
      out.push({
        units: s.units,
        cost: s.cost,
        reduced: s.reduced,
        prog: s.prog,
        cross: s.cross,
        distinct: s.distinct,
        items,
      });
    }
  return out.sort((a, b) => a.cost - b.cost || a.units - b.units);
};

/*
 * Two tables every call of blockCostByUnits takes turns with. The search calls it per block and per
 * level; tables of a few KB live outside V8's heap, and allocating them per call was a third of its
 * time. Nothing the function calls re-enters it while it holds them.
 */
let tableA = new Float64Array(0);
let tableB = new Float64Array(0);
const scratchTables = (size: number): [Float64Array, Float64Array] => {
  if (tableA.length < size) {
    tableA = new Float64Array(size);
    tableB = new Float64Array(size);
  }
  return [tableA.subarray(0, size), tableB.subarray(0, size)];
};

/**
 * The block's cheapest cost for each total of units, within its own bounds and ignoring
 * requirements and exclusion groups shared with other blocks: the relaxation the search bounds with.
 */
export const blockCostByUnits = (p: Problem, block: Block, cross: Set<number>): Map<number, number> => {
  const INF = Number.POSITIVE_INFINITY;
  const bounded = block.maxCount < Number.MAX_SAFE_INTEGER;
  const countCap = bounded ? block.maxCount : Math.max(block.minCount, 1);
  const unitCap = Math.min(block.maxUnits, p.hi);
  const W = unitCap + 1;
  // cost[count·W + units]; counts above the cap are folded into it when the block has no maximum.
  let [cost, next] = scratchTables((countCap + 1) * W);
  cost.fill(INF);
  cost[0] = 0;
  // The counts and units the steps so far can reach: the cells beyond are still empty.
  let reachC = 0;
  let reachU = 0;
  /** One choice among options k: k credentials, units[k] units, costs[k] cost. */
  const step = (n: readonly number[], units: readonly number[], costs: readonly number[]) => {
    next.fill(INF);
    for (let c = 0; c <= reachC; c++)
      for (let u = 0; u <= reachU; u++) {
        const base = cost[c * W + u] ?? INF;
        if (base === INF) continue;
        for (let o = 0; o < n.length; o++) {
          const c2 = bounded ? c + (n[o] ?? 0) : Math.min(countCap, c + (n[o] ?? 0));
          const u2 = u + (units[o] ?? 0);
          if (c2 > countCap || u2 >= W) continue;
          const v = base + (costs[o] ?? 0);
          if (v < (next[c2 * W + u2] ?? INF)) next[c2 * W + u2] = v;
        }
      }
    [cost, next] = [next, cost];
    reachC = Math.min(countCap, reachC + Math.max(...n));
    reachU = Math.min(W - 1, reachU + Math.max(...units));
  };
  // Ungrouped offerings of equal ECTS and cost are interchangeable here: take k of them at once.
  const classes = new Map<string, { units: number; cost: number; n: number }>();
  const units = choiceUnits(p, block, cross, () => '');
  for (const u of units) {
    if (u.kind !== 'class') continue;
    const key = `${u.units}|${u.cost}`;
    const c = classes.get(key) ?? { units: u.units, cost: u.cost, n: 0 };
    c.n += u.items.length;
    classes.set(key, c);
  }
  for (const c of classes.values()) {
    const kMax = Math.min(c.n, Math.floor(unitCap / Math.max(1, c.units)), bounded ? countCap : c.n);
    const ks = Array.from({ length: kMax + 1 }, (_, k) => k);
    step(
      ks,
      ks.map((k) => k * c.units),
      ks.map((k) => k * c.cost),
    );
  }
  for (const u of units)
    if (u.kind === 'component')
      step(
        u.options.map((o) => o.items.length),
        u.options.map((o) => o.units),
        u.options.map((o) => o.cost),
      );
  const best = new Float64Array(W).fill(INF);
  for (let c = block.minCount; c <= countCap; c++)
    for (let u = block.minUnits; u < W; u++) {
      const v = cost[c * W + u] ?? INF;
      if (v < (best[u] ?? INF)) best[u] = v;
    }
  const out = new Map<number, number>();
  best.forEach((v, u) => {
    if (v < INF) out.set(u, v);
  });
  return out;
};
