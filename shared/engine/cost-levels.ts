import type { Problem } from './compile.js';

/** What the costs are made of: the problem's scales and its items' costs and units. */
type CostScales = Pick<Problem, 'big' | 'tieScale' | 'hi'> & {
  readonly items: readonly { readonly cost: number; readonly units: number }[];
};

/**
 * Which plan costs can occur at all, from the offerings' sizes alone. An added offering costs
 * (units·big + 1)·tieScale + its mismatches (compile.ts), and a plan's mismatches stay below
 * tieScale, so a plan adding U units in k offerings costs (U·big + k)·tieScale + m with
 * 0 ≤ m < tieScale. U must be a sum of distinct offerings' units, and k lies between the fewest and
 * the most offerings that sum to U.
 *
 * The search raises its floor from the lower bound up (search.ts); a floor no plan can cost (a
 * seventh credential within 15 ECTS when none is smaller than 2) spends a level on costs that
 * cannot occur. Every rule clause is ignored here, so a cost this calls impossible is impossible
 * for every plan, and skipping it keeps the search exact.
 */
export class CostLevels {
  private readonly big: number;
  private readonly tie: number;
  /** Per number of added units: the fewest and the most offerings with exactly that many (−1: no way). */
  private readonly fewest: Int32Array;
  private readonly most: Int32Array;

  constructor(p: CostScales) {
    this.big = p.big;
    this.tie = p.tieScale;
    this.fewest = new Int32Array(p.hi + 1).fill(-1);
    this.most = new Int32Array(p.hi + 1).fill(-1);
    this.fewest[0] = 0;
    this.most[0] = 0;
    // A 0/1 knapsack over the offerings that cost something to add, by their units.
    for (const it of p.items) {
      if (it.cost <= 0 || it.units <= 0) continue;
      for (let u = p.hi; u >= it.units; u--) {
        const f = this.fewest[u - it.units] ?? -1;
        if (f < 0) continue;
        const m = this.most[u - it.units] ?? -1;
        const here = this.fewest[u] ?? -1;
        if (here < 0 || f + 1 < here) this.fewest[u] = f + 1;
        if (m + 1 > (this.most[u] ?? -1)) this.most[u] = m + 1;
      }
    }
  }

  /** The least cost at or above `cost` that a plan can have; +∞ when none can. */
  atOrAbove(cost: number): number {
    for (let units = Math.max(0, Math.floor(cost / (this.big * this.tie))); units < this.most.length; units++) {
      const most = this.most[units] ?? -1;
      if (most < 0) continue;
      const lowest = (units * this.big + (this.fewest[units] ?? 0)) * this.tie;
      const highest = (units * this.big + most) * this.tie + this.tie - 1;
      if (cost <= highest) return Math.max(cost, lowest);
    }
    return Number.POSITIVE_INFINITY;
  }
}
