import { addFeats, featureFeasible } from './allocation.js';
import type { Budget } from './budget.js';
import { choiceUnits, crossGroups } from './choice-units.js';
import type { Problem } from './compile.js';

/*
 * Exact number of valid compositions, by dynamic programming over institutions with BigInt
 * counts (a generating function in total ECTS, requirement features, exclusion groups used across
 * institutions, and distinct institutions and countries where the rule asks for them). Within an
 * institution, k of n interchangeable offerings contribute C(n, k) ways. Nested programmes are not
 * counted here (the caller enumerates), and a state space above `stateLimit` gives up (null).
 */

const binomials: bigint[][] = [[1n]];
const choose = (n: number, k: number): bigint => {
  for (let m = binomials.length; m <= n; m++) {
    const prev = binomials[m - 1] ?? [];
    const row: bigint[] = [1n];
    for (let j = 1; j < m; j++) row.push((prev[j - 1] ?? 0n) + (prev[j] ?? 0n));
    row.push(1n);
    binomials.push(row);
  }
  return binomials[n]?.[k] ?? 0n;
};

interface St { units: number; feats: number[]; cross: number[]; extra: string; ways: bigint }

export const countCompositions = (p: Problem, forced: ReadonlySet<number>, budget: Budget, stateLimit = 200_000): bigint | null => {
  if ((p.rule.programmes?.length ?? 0) > 0) return null;
  const cross = crossGroups(p);
  const add = (m: Map<string, St>, s: St) => {
    const k = `${s.units}|${s.feats.join(',')}|${s.cross.join(',')}|${s.extra}`;
    const old = m.get(k);
    if (old) old.ways += s.ways; else m.set(k, s);
  };
  const capSet = (xs: string[], cap: number) => (cap === 0 ? '' : xs.length >= cap ? '*' : xs.join(','));
  let global = new Map<string, St>();
  add(global, { units: 0, feats: p.spec.caps.map(() => 0), cross: [], extra: '', ways: 1n });
  for (const block of p.blocks) {
    const units = choiceUnits(p, block, cross, (i) => (forced.has(i) ? `forced:${i}` : ''));
    const bounded = block.maxCount < Number.MAX_SAFE_INTEGER;
    const countOf = (c: number) => (bounded ? c : Math.min(c, Math.max(block.minCount, 1)));
    const unitCap = Math.min(block.maxUnits, p.hi);
    let local = new Map<string, St & { count: number }>();
    const put = (m: Map<string, St & { count: number }>, s: St & { count: number }) => {
      const k = `${s.count}|${s.units}|${s.feats.join(',')}|${s.cross.join(',')}`;
      const old = m.get(k);
      if (old) old.ways += s.ways; else m.set(k, s);
    };
    put(local, { count: 0, units: 0, feats: p.spec.caps.map(() => 0), cross: [], extra: '', ways: 1n });
    for (const u of units) {
      const next = new Map<string, St & { count: number }>();
      for (const s of local.values()) {
        if (u.kind === 'class') {
          const isForced = u.items.length === 1 && forced.has(u.items[0] ?? -1);
          const feats = [...s.feats];
          for (let k = 0; k <= u.items.length; k++) {
            if (k > 0) addFeats(p.spec, feats, u.feats);
            if (isForced && k === 0) continue;
            const count = countOf(s.count + k);
            const un = s.units + k * u.units;
            if (count > block.maxCount || un > unitCap) break;
            put(next, { count, units: un, feats: [...feats], cross: s.cross, extra: '', ways: s.ways * choose(u.items.length, k) });
          }
        } else {
          for (const o of u.options) {
            if (o.cross.some((g) => s.cross.includes(g))) continue;
            if (u.options.some((x) => x.items.some((i) => forced.has(i) && !o.items.includes(i)))) continue;
            const count = countOf(s.count + o.items.length);
            const un = s.units + o.units;
            if (count > block.maxCount || un > unitCap) continue;
            const feats = [...s.feats];
            for (const i of o.items) addFeats(p.spec, feats, p.items[i]?.feats ?? []);
            put(next, { count, units: un, feats, cross: o.cross.length ? [...s.cross, ...o.cross].sort((a, b) => a - b) : s.cross, extra: '', ways: s.ways });
          }
        }
      }
      local = next;
      if (local.size > stateLimit || budget.spent()) return null;
    }
    const nextGlobal = new Map<string, St>();
    for (const g of global.values()) {
      const [instPart = '', countryPart = ''] = g.extra.split('/');
      for (const s of local.values()) {
        if (s.count < block.minCount || s.units < block.minUnits) continue;
        const un = g.units + s.units;
        if (un > p.hi || s.cross.some((x) => g.cross.includes(x))) continue;
        const nonEmpty = s.count > 0 && block.country !== undefined;
        const instN = Math.min(p.minInstitutions, Number(instPart || 0) + (s.count > 0 ? 1 : 0));
        const cs = countryPart === '*' ? ['*'] : countryPart ? countryPart.split(',') : [];
        const countries = nonEmpty && countryPart !== '*' && !cs.includes(block.country ?? '') ? [...cs, block.country ?? ''].sort() : cs;
        const feats = [...g.feats];
        s.feats.forEach((f, d) => { feats[d] = Math.min(p.spec.caps[d] ?? 0, (feats[d] ?? 0) + f); });
        add(nextGlobal, {
          units: un, feats, cross: s.cross.length ? [...g.cross, ...s.cross].sort((a, b) => a - b) : g.cross,
          extra: `${p.minInstitutions ? instN : ''}/${countryPart === '*' ? '*' : capSet(countries, p.minCountries)}`, ways: g.ways * s.ways,
        });
      }
    }
    global = nextGlobal;
    if (global.size > stateLimit || budget.spent()) return null;
  }
  let total = 0n;
  for (const s of global.values()) {
    if (s.units < p.lo) continue;
    const [instPart = '', countryPart = ''] = s.extra.split('/');
    if (Number(instPart || 0) < p.minInstitutions) continue;
    if (p.minCountries > 0 && countryPart !== '*') continue;
    if (featureFeasible(p.spec, s.feats)) total += s.ways;
  }
  return total;
};
