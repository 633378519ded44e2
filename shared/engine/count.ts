import { addFeats, featureFeasible } from './allocation.js';
import type { Budget } from './budget.js';
import { choiceUnits, crossGroups } from './choice-units.js';
import type { Problem } from './compile.js';
import { meetsBlockMinima, withinBlockMaxima } from './tally.js';

/*
 * Exact number of valid compositions, by dynamic programming over institutions with BigInt
 * counts (a generating function in total ECTS, requirement features, exclusion groups used across
 * institutions, and distinct institutions and countries where the rule asks for them). Within an
 * institution, k of n interchangeable offerings contribute C(n, k) ways. Nested programmes are not
 * counted here (the caller enumerates), and a state space above `stateLimit` gives up (null).
 */

const binomials: bigint[][] = [[1n]];
export const choose = (n: number, k: number): bigint => {
  for (let m = binomials.length; m <= n; m++) {
    const prev = binomials[m - 1] ?? [];
    const row: bigint[] = [1n];
    for (let j = 1; j < m; j++) row.push((prev[j - 1] ?? 0n) + (prev[j] ?? 0n));
    row.push(1n);
    binomials.push(row);
  }
  return binomials[n]?.[k] ?? 0n;
};

interface Loc {
  count: number;
  units: number;
  feats: number[];
  cross: number[];
  ways: bigint;
}
interface St {
  units: number;
  feats: number[];
  cross: number[];
  inst: number;
  countries: number;
  touched: number;
  ways: bigint;
}

export const countCompositions = (
  p: Problem,
  forced: ReadonlySet<number>,
  budget: Budget,
  stateLimit = 200_000,
): bigint | null => {
  if ((p.rule.programmes?.length ?? 0) > 0) return null;
  const cross = crossGroups(p);
  // Plain rules (no requirement features, no exclusion groups across institutions) key states by number.
  const plain = p.spec.caps.length === 0 && cross.size === 0;
  const I = p.minInstitutions + 1;
  const C = p.minCountries + 1;
  const add = (m: Map<string | number, St>, s: St) => {
    const small = ((s.units * I + s.inst) * C + s.countries) * 2 + s.touched;
    const k = plain ? small : `${small}|${s.feats.join(',')}|${s.cross.join(',')}`;
    const old = m.get(k);
    if (old) old.ways += s.ways;
    else m.set(k, s);
  };
  // Institutions are taken country by country, so "distinct countries" is a counter: a country
  // counts once when any of its institutions contributes (the `touched` flag), never a set.
  const blocks = [...p.blocks].sort((x, y) => (x.country ?? '~').localeCompare(y.country ?? '~'));
  let global = new Map<string | number, St>();
  add(global, { units: 0, feats: p.spec.caps.map(() => 0), cross: [], inst: 0, countries: 0, touched: 0, ways: 1n });
  let prevCountry: string | undefined;
  for (const block of blocks) {
    const units = choiceUnits(p, block, cross, (i) => (forced.has(i) ? `forced:${i}` : ''));
    const bounded = block.maxCount < Number.MAX_SAFE_INTEGER;
    const countOf = (c: number) => (bounded ? c : Math.min(c, Math.max(block.minCount, 1)));
    let local = new Map<string, Loc>();
    const put = (m: Map<string, Loc>, s: Loc) => {
      const k = `${s.count}|${s.units}|${s.feats.join(',')}|${s.cross.join(',')}`;
      const old = m.get(k);
      if (old) old.ways += s.ways;
      else m.set(k, s);
    };
    put(local, { count: 0, units: 0, feats: p.spec.caps.map(() => 0), cross: [], ways: 1n });
    // The institution's own choices are judged by their pace as a whole: every later step meets at
    // least as many states as there are now (each may take none of its unit; a forced offering
    // aside), so visits so far plus that many per step left is work still to come at the least.
    const choosingSince = budget.mark();
    let visits = 0;
    for (const [ui, u] of units.entries()) {
      const next = new Map<string, Loc>();
      const stepSince = budget.mark();
      let inStep = 0;
      for (const s of local.values()) {
        // One step can multiply the states many times over: give up inside it, not after it, and
        // at once when the pace shows that this step, or the institution's choices as a whole,
        // cannot end within the budget.
        if (next.size > stateLimit || budget.spent()) return null;
        visits++;
        if ((++inStep & 63) === 0) {
          const atLeast = visits + (local.size - inStep) + (units.length - ui - 1) * local.size;
          if (budget.paceOverruns(stepSince, inStep, local.size)) return null;
          if (budget.paceOverruns(choosingSince, visits, atLeast)) return null;
        }
        if (u.kind === 'class') {
          const isForced = u.items.length === 1 && forced.has(u.items[0] ?? -1);
          const feats = [...s.feats];
          for (let k = 0; k <= u.items.length; k++) {
            if (k > 0) addFeats(p.spec, feats, u.feats);
            if (isForced && k === 0) continue;
            const count = countOf(s.count + k);
            const un = s.units + k * u.units;
            if (!withinBlockMaxima(block, count, un) || un > p.hi) break;
            put(next, {
              count,
              units: un,
              feats: [...feats],
              cross: s.cross,
              ways: s.ways * choose(u.items.length, k),
            });
          }
        } else {
          for (const o of u.options) {
            if (budget.spent()) return null;
            if (o.cross.some((g) => s.cross.includes(g))) continue;
            if (u.options.some((x) => x.items.some((i) => forced.has(i) && !o.items.includes(i)))) continue;
            const count = countOf(s.count + o.items.length);
            const un = s.units + o.units;
            if (!withinBlockMaxima(block, count, un) || un > p.hi) continue;
            const feats = [...s.feats];
            for (const i of o.items) addFeats(p.spec, feats, p.items[i]?.feats ?? []);
            put(next, {
              count,
              units: un,
              feats,
              cross: o.cross.length ? [...s.cross, ...o.cross].sort((a, b) => a - b) : s.cross,
              ways: s.ways,
            });
          }
        }
      }
      local = next;
      if (local.size > stateLimit || budget.spent()) return null;
    }
    // The block's choices, reduced to what the rest of the rule sees.
    const reduced = new Map<string, Loc & { nonEmpty: boolean }>();
    for (const s of local.values()) {
      if (!meetsBlockMinima(block, s.count, s.units)) continue;
      const k = `${s.units}|${s.feats.join(',')}|${s.cross.join(',')}|${s.count > 0}`;
      const old = reduced.get(k);
      if (old) old.ways += s.ways;
      else reduced.set(k, { ...s, nonEmpty: s.count > 0 });
    }
    const newCountry = block.country === undefined || block.country !== prevCountry;
    prevCountry = block.country;
    const nextGlobal = new Map<string | number, St>();
    const options = [...reduced.values()];
    const meetingSince = budget.mark();
    const pairs = global.size * options.length;
    let done = 0;
    for (const g of global.values()) {
      if (nextGlobal.size > stateLimit || budget.spent()) return null;
      // Leaving a country: it counts if one of its institutions contributed.
      const countriesBefore = Math.min(p.minCountries, g.countries + (newCountry ? g.touched : 0));
      const touchedBefore = newCountry ? 0 : g.touched;
      for (const s of options) {
        // One state can meet thousands of options: the budget is read inside, not only per state,
        // and the pace of the first pairs tells whether all of them can be met in time.
        if (budget.spent()) return null;
        if ((++done & 1023) === 0 && budget.paceOverruns(meetingSince, done, pairs)) return null;
        const un = g.units + s.units;
        if (un > p.hi || (s.cross.length > 0 && s.cross.some((x) => g.cross.includes(x)))) continue;
        let feats = g.feats;
        if (feats.length > 0) {
          feats = [...g.feats];
          s.feats.forEach((f, d) => {
            feats[d] = Math.min(p.spec.caps[d] ?? 0, (feats[d] ?? 0) + f);
          });
        }
        add(nextGlobal, {
          units: un,
          feats,
          cross: s.cross.length ? [...g.cross, ...s.cross].sort((a, b) => a - b) : g.cross,
          inst: Math.min(p.minInstitutions, g.inst + (s.nonEmpty ? 1 : 0)),
          countries: countriesBefore,
          touched: touchedBefore === 1 || (s.nonEmpty && block.country !== undefined) ? 1 : 0,
          ways: g.ways * s.ways,
        });
      }
    }
    global = nextGlobal;
    if (global.size > stateLimit || budget.spent()) return null;
  }
  let total = 0n;
  for (const s of global.values()) {
    if (s.units < p.lo) continue;
    if (s.inst < p.minInstitutions || s.countries + s.touched < p.minCountries) continue;
    if (featureFeasible(p.spec, s.feats)) total += s.ways;
  }
  return total;
};
