import type { ItemClass } from './choice-units.js';
import type { Problem } from './compile.js';

/*
 * Offerings of one institution with the same ECTS and cost (and the same nested signature) differ
 * only in the requirements they may serve. A choice from such a group is a demand vector: k_r
 * credentials allocated to each active requirement r, and k_e electives. By Hall's theorem for
 * this transportation problem, a vector can be met by distinct credentials exactly when, for every
 * set Q of requirements, Σ_{r∈Q} k_r ≤ the number of credentials serving some r ∈ Q, and the total
 * is at most the group's size. So the search branches on a handful of vectors, not on C(n, k)
 * subsets, and picks concrete credentials only for the bundles it keeps.
 */

export interface SizeGroup {
  units: number;
  cost: number;
  sig: string;
  classes: ItemClass[];
  size: number;
  /** supply[Q]: credentials serving at least one requirement in the set Q (a bit mask). */
  supply: number[];
}

export const sizeGroups = (p: Problem, classes: readonly ItemClass[], R: number): SizeGroup[] => {
  const byKey = new Map<string, SizeGroup>();
  for (const c of classes) {
    // External credentials of different issuers or countries are not interchangeable (SPEC §5 minInstitutions, minCountries).
    const first = p.items[c.items[0] ?? -1];
    const key = `${c.units}|${c.cost}|${c.sig}|${first?.instKey}|${first?.country}`;
    const g = byKey.get(key) ?? { units: c.units, cost: c.cost, sig: c.sig, classes: [], size: 0, supply: [] };
    g.classes.push(c);
    g.size += c.items.length;
    byKey.set(key, g);
  }
  for (const g of byKey.values()) {
    g.supply = Array.from({ length: 1 << R }, (_, q) =>
      g.classes.reduce((s, c) => (c.serves.some((r) => (q >> r) & 1) ? s + c.items.length : s), 0),
    );
  }
  return [...byKey.values()];
};

/**
 * Demand vectors [k_0..k_{R-1}] the group can meet, each k_r at most `useful(r)` (more than a
 * requirement's minimums need is no better than an elective).
 */
export const allocations = (g: SizeGroup, R: number, useful: (r: number) => number): number[][] => {
  const out: number[][] = [];
  const k: number[] = new Array<number>(R).fill(0);
  const ok = () => {
    for (let q = 1; q < 1 << R; q++) {
      let need = 0;
      for (let r = 0; r < R; r++) if ((q >> r) & 1) need += k[r] ?? 0;
      if (need > (g.supply[q] ?? 0)) return false;
    }
    return true;
  };
  const go = (r: number) => {
    if (r === R) {
      if (ok()) out.push([...k]);
      return;
    }
    const max = Math.min(useful(r), g.supply[1 << r] ?? 0);
    for (let x = 0; x <= max; x++) {
      k[r] = x;
      go(r + 1);
    }
    k[r] = 0;
  };
  go(0);
  return out;
};

const maximalMemo = new WeakMap<Problem['spec'], Map<string, number[][][]>>();

/**
 * Per k = 0..kMax, the maximal demand vectors of at most k credentials of the group: allocating one
 * more credential instead of leaving it an elective never makes a choice worse. They depend only on
 * the group's supply, its ECTS and the requirements, so searches at every level (and the quick dive
 * before each) share them.
 */
export const maximalDemands = (p: Problem, g: SizeGroup, kMax: number): readonly (readonly number[])[][] => {
  let memo = maximalMemo.get(p.spec);
  if (!memo) {
    memo = new Map();
    maximalMemo.set(p.spec, memo);
  }
  const key = `${g.units}|${kMax}|${g.supply.join(',')}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const useful = (r: number) => {
    const q = p.spec.reqs[r];
    // More credentials of this size than a requirement's minimums need are no better than electives.
    return q ? Math.max(q.minCount, Math.ceil(q.minUnits / Math.max(g.units, 1))) : 0;
  };
  const all = allocations(g, p.spec.reqs.length, useful);
  const byK = Array.from({ length: kMax + 1 }, (_, k) => {
    const fits = all.filter((v) => v.reduce((a, b) => a + b, 0) <= k);
    return fits.filter((v) => !fits.some((w) => w !== v && w.every((x, r) => x >= (v[r] ?? 0))));
  });
  memo.set(key, byK);
  return byK;
};

/** Concrete credentials for a demand vector (and `electives` more), by augmenting paths. */
export const pickItems = (p: Problem, g: SizeGroup, demand: readonly number[], electives: number): number[] => {
  const items = g.classes.flatMap((c) => c.items);
  const owner = new Map<number, number>();
  const slots: number[] = demand.flatMap((k, r) => new Array<number>(k).fill(r));
  const serves = (i: number, r: number) => p.items[i]?.serves.includes(r) ?? false;
  const tryAssign = (slot: number, seen: Set<number>): boolean => {
    const r = slots[slot] ?? -1;
    for (const i of items) {
      if (!serves(i, r) || seen.has(i)) continue;
      seen.add(i);
      const prev = owner.get(i);
      if (prev === undefined || tryAssign(prev, seen)) {
        owner.set(i, slot);
        return true;
      }
    }
    return false;
  };
  slots.forEach((_, slot) => tryAssign(slot, new Set()));
  const rest = items.filter((i) => !owner.has(i)).slice(0, electives);
  return [...owner.keys(), ...rest];
};
