import type { Budget } from './budget.js';
import { choiceUnits, dominatedGrouped, type ChoiceUnit, type Component } from './choice-units.js';
import { allocations, pickItems, sizeGroups, type SizeGroup } from './size-groups.js';
import type { Block, Problem } from './compile.js';

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
  /** Allocated progress per active requirement: [count, units] pairs, capped at the minimums. */
  prog: number[];
  /** Exclusion groups spanning blocks that this bundle uses. */
  cross: number[];
  insts: string[];
  countries: string[];
  items: number[];
}

interface Wit { items?: number[]; group?: SizeGroup; demand?: number[]; electives?: number; next: Wit | null }
interface State { count: number; units: number; cost: number; prog: number[]; cross: number[]; insts: string[]; countries: string[]; sig: string; wit: Wit | null }

const union = (a: readonly string[], b: readonly (string | undefined)[]): string[] => {
  const out = new Set(a);
  for (const x of b) if (x !== undefined) out.add(x);
  return out.size === a.length ? [...a] : [...out].sort();
};

const subset = (a: readonly number[], b: readonly number[]) => a.every((x) => b.includes(x));

/** At most the cost, at least the progress on every requirement, a subset of the exclusion groups. */
const dominates = (t: State, s: State): boolean =>
  t.cost <= s.cost && t.prog.every((f, d) => f >= (s.prog[d] ?? 0)) && subset(t.cross, s.cross);

export const progCaps = (p: Problem): number[] => p.spec.reqs.flatMap((r) => [r.minCount, r.minUnits]);

/** Adds `k` credentials of `units` allocated to requirement position `r`. */
const serve = (caps: readonly number[], prog: number[], r: number, k: number, units: number) => {
  prog[2 * r] = Math.min(caps[2 * r] ?? 0, (prog[2 * r] ?? 0) + k);
  prog[2 * r + 1] = Math.min(caps[2 * r + 1] ?? 0, (prog[2 * r + 1] ?? 0) + k * units);
};

export const blockBundles = (
  p: Problem, block: Block, cross: Set<number>, nestedSig: (item: number) => string, nestedMode: boolean, budget: Budget,
  costCap: number,
): Bundle[] => {
  const unitCap = Math.min(block.maxUnits, p.hi);
  const its = block.items.map((i) => p.items[i]);
  const held = its.filter((it) => it?.cost === 0).length;
  const minUnits = Math.min(...its.map((it) => it?.units ?? Number.MAX_SAFE_INTEGER));
  const minCost = Math.min(...its.map((it) => (it && it.cost > 0 ? it.cost : Number.POSITIVE_INFINITY)));
  const maxTake = Math.min(block.maxCount, Math.floor(unitCap / Math.max(1, minUnits)), held + Math.floor(costCap / minCost));
  const all: ChoiceUnit[] = choiceUnits(p, block, cross, nestedSig, dominatedGrouped(p, block, nestedSig, maxTake));
  const R = p.spec.reqs.length;
  const units: (SizeGroup | Component)[] = [
    ...sizeGroups(all.flatMap((u) => (u.kind === 'class' ? [u] : [])), R),
    ...all.flatMap((u) => (u.kind === 'component' ? [u] : [])),
  ];
  const caps = progCaps(p);
  // Without a maximum, counts above max(minCount, 1) are all alike to the rest of the rule.
  const bounded = block.maxCount < Number.MAX_SAFE_INTEGER;
  const countOf = (n: number) => (bounded ? n : Math.min(n, Math.max(block.minCount, 1)));
  // Allocating more credentials of one size to a requirement than its minimums need is no better
  // than leaving them electives.
  const useful = (units: number) => (r: number) => {
    const q = p.spec.reqs[r];
    return q ? Math.max(q.minCount, Math.ceil(q.minUnits / Math.max(units, 1))) : 0;
  };
  // States that agree on what the block's bounds and nested programmes see are compared by
  // dominance; a dominated state never ends in a better bundle, so dropping it is exact.
  const keyOf = (s: State) => `${s.count}|${s.units}|${block.external ? `${s.insts.join(',')}|${s.countries.join(',')}` : ''}|${s.sig}`;
  let states = new Map<string, State[]>();
  const start: State = { count: 0, units: 0, cost: 0, prog: caps.map(() => 0), cross: [], insts: [], countries: [], sig: '', wit: null };
  states.set(keyOf(start), [start]);
  const put = (next: Map<string, State[]>, s: State) => {
    const k = keyOf(s);
    if (s.cost > costCap) return;
    const front = next.get(k);
    if (!front) { next.set(k, [s]); return; }
    if (front.some((t) => dominates(t, s))) return;
    next.set(k, [...front.filter((t) => !dominates(s, t)), s]);
  };
  const allocs = new Map<SizeGroup, number[][]>();
  for (const u of units) if (!('kind' in u)) allocs.set(u, allocations(u, R, useful(u.units)));
  units.forEach((u, ui) => {
    // Out of budget: the bundles stay incomplete, and the budget's flag makes the answer say so.
    if (budget.spent()) return;
    const next = new Map<string, State[]>();
    for (const s of [...states.values()].flat()) {
      if (!('kind' in u)) {
        const first = p.items[u.classes[0]?.items[0] ?? -1];
        for (const demand of allocs.get(u) ?? []) {
          const allocated = demand.reduce((x, y) => x + y, 0);
          const prog = [...s.prog];
          demand.forEach((x, r) => { if (x > 0) serve(caps, prog, r, x, u.units); });
          for (let e = 0; allocated + e <= u.size; e++) {
            const k = allocated + e;
            const count = countOf(s.count + k);
            const unitsNow = s.units + k * u.units;
            if (count > block.maxCount || unitsNow > unitCap || s.cost + k * u.cost > costCap) break;
            put(next, {
              count, units: unitsNow, cost: s.cost + k * u.cost, cross: s.cross, prog,
              insts: k > 0 ? union(s.insts, [first?.instKey]) : s.insts,
              countries: k > 0 ? union(s.countries, [first?.country]) : s.countries,
              sig: nestedMode && k > 0 ? `${s.sig}${ui}:${k},` : s.sig,
              wit: k > 0 ? { group: u, demand, electives: e, next: s.wit } : s.wit,
            });
          }
        }
      } else {
        u.options.forEach((o, oi) => {
          if (o.cross.some((g) => s.cross.includes(g))) return;
          const count = countOf(s.count + o.items.length);
          const unitsNow = s.units + o.units;
          if (count > block.maxCount || unitsNow > unitCap) return;
          const wit = o.items.length ? { items: o.items, next: s.wit } : s.wit;
          const its = o.items.map((i) => p.items[i]);
          const base = {
            count, units: unitsNow, cost: s.cost + o.cost,
            cross: o.cross.length ? [...s.cross, ...o.cross].sort((a, b) => a - b) : s.cross,
            insts: union(s.insts, its.map((it) => it?.instKey)), countries: union(s.countries, its.map((it) => it?.country)),
            sig: nestedMode && o.items.length > 0 ? `${s.sig}${ui}#${oi},` : s.sig, wit,
          };
          // Each credential of the option goes to one requirement it serves, or is an elective.
          const assign = (j: number, prog: number[]) => {
            const it = its[j];
            if (!it) { put(next, { ...base, prog }); return; }
            assign(j + 1, prog);
            for (const r of it.serves) { const q = [...prog]; serve(caps, q, r, 1, it.units); assign(j + 1, q); }
          };
          assign(0, [...s.prog]);
        });
      }
    }
    states = next;
  });
  const out: Bundle[] = [];
  for (const s of [...states.values()].flat()) {
    if (s.count < block.minCount || s.units < block.minUnits) continue;
    const items: number[] = [];
    for (let w = s.wit; w; w = w.next) {
      if (w.items) items.push(...w.items);
      if (w.group && w.demand) items.push(...pickItems(p, w.group, w.demand, w.electives ?? 0));
    }
    out.push({ units: s.units, cost: s.cost, prog: s.prog, cross: s.cross, insts: s.insts, countries: s.countries, items: items.sort((a, b) => a - b) });
  }
  return out.sort((a, b) => a.cost - b.cost || a.units - b.units || a.items.length - b.items.length);
};

/**
 * The block's cheapest cost for each total of units, within its own bounds and ignoring
 * requirements and exclusion groups shared with other blocks: the relaxation the search bounds with.
 */
export const blockCostByUnits = (p: Problem, block: Block, cross: Set<number>): Map<number, number> => {
  const bounded = block.maxCount < Number.MAX_SAFE_INTEGER;
  const countOf = (n: number) => (bounded ? n : Math.min(n, Math.max(block.minCount, 1)));
  const unitCap = Math.min(block.maxUnits, p.hi);
  let states = new Map<number, number>([[0, 0]]);
  const key = (count: number, units: number) => count * (unitCap + 1) + units;
  const put = (m: Map<number, number>, count: number, units: number, cost: number) => {
    if (count > block.maxCount || units > unitCap) return;
    const k = key(count, units);
    if (cost < (m.get(k) ?? Number.POSITIVE_INFINITY)) m.set(k, cost);
  };
  for (const u of choiceUnits(p, block, cross, () => '')) {
    const next = new Map<number, number>();
    for (const [k, cost] of states) {
      const count = Math.floor(k / (unitCap + 1));
      const units = k % (unitCap + 1);
      if (u.kind === 'class') {
        for (let j = 0; j <= u.items.length; j++) put(next, countOf(count + j), units + j * u.units, cost + j * u.cost);
      } else {
        for (const o of u.options) put(next, countOf(count + o.items.length), units + o.units, cost + o.cost);
      }
    }
    states = next;
  }
  const out = new Map<number, number>();
  for (const [k, cost] of states) {
    const count = Math.floor(k / (unitCap + 1));
    const units = k % (unitCap + 1);
    if (count < block.minCount || units < block.minUnits) continue;
    if (cost < (out.get(units) ?? Number.POSITIVE_INFINITY)) out.set(units, cost);
  }
  return out;
};
