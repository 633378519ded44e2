import type { FeatureSpec, Problem } from './compile.js';

/*
 * SPEC §5.4: each credential goes to at most one requirement whose `from` matches it, and every
 * requirement's minEcts and minCount are met by what it receives. A credential matching a single
 * active requirement always goes there (requirements have only minimums, so giving it never
 * hurts); only credentials matching two or more need a choice. Those are grouped by type (same
 * requirements, same ECTS), so the search distributes type counts, not credentials.
 */

const memo = new WeakMap<FeatureSpec, Map<string, number[][] | null>>();

/** Adds the feature increments of one credential to `vec`, capped. */
export const addFeats = (spec: FeatureSpec, vec: number[], feats: readonly [number, number][], times = 1): void => {
  for (const [d, amount] of feats) vec[d] = Math.min(spec.caps[d] ?? 0, (vec[d] ?? 0) + amount * times);
};

/**
 * For each type, how many of its credentials go to each of its requirements (positions in
 * spec.reqs), or null when no allocation meets every minimum.
 */
const distribute = (spec: FeatureSpec, vec: readonly number[]): number[][] | null => {
  let cache = memo.get(spec);
  if (!cache) {
    cache = new Map();
    memo.set(spec, cache);
  }
  const key = vec.join(',');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const R = spec.reqs.length;
  const needCount = spec.reqs.map((r, p) => Math.max(0, r.minCount - (vec[2 * p] ?? 0)));
  const needUnits = spec.reqs.map((r, p) => Math.max(0, r.minUnits - (vec[2 * p + 1] ?? 0)));
  const plan: number[][] = spec.types.map((t) => t.reqs.map(() => 0));
  const done = () => needCount.every((c) => c === 0) && needUnits.every((u) => u <= 0);
  // Still reachable: every requirement's deficit fits in the credentials of the remaining types.
  const reachable = (from: number, left: number): boolean => {
    for (let p = 0; p < R; p++) {
      if ((needCount[p] ?? 0) === 0 && (needUnits[p] ?? 0) <= 0) continue;
      let count = 0;
      let units = 0;
      for (let t = from; t < spec.types.length; t++) {
        const ty = spec.types[t];
        if (!ty || !ty.reqs.includes(p)) continue;
        const n = t === from ? left : (vec[2 * R + t] ?? 0);
        count += n;
        units += n * ty.units;
      }
      if (count < (needCount[p] ?? 0) || units < (needUnits[p] ?? 0)) return false;
    }
    return true;
  };
  const go = (t: number, slot: number, left: number): boolean => {
    if (done()) return true;
    const ty = spec.types[t];
    if (!ty) return false;
    if (slot === 0 && !reachable(t, left)) return false;
    if (slot >= ty.reqs.length || left === 0) return go(t + 1, 0, vec[2 * R + t + 1] ?? 0);
    const p = ty.reqs[slot] ?? 0;
    const c0 = needCount[p] ?? 0;
    const u0 = needUnits[p] ?? 0;
    // Giving a requirement more than its deficit never helps another one.
    const useful = Math.min(left, Math.max(c0, Math.ceil(Math.max(0, u0) / ty.units)));
    const row = plan[t] ?? [];
    for (let x = useful; x >= 0; x--) {
      needCount[p] = Math.max(0, c0 - x);
      needUnits[p] = u0 - x * ty.units;
      row[slot] = x;
      if (go(t, slot + 1, left - x)) return true;
    }
    needCount[p] = c0;
    needUnits[p] = u0;
    row[slot] = 0;
    return false;
  };
  const ok = go(0, 0, vec[2 * R] ?? 0);
  const answer = ok ? plan.map((row) => [...row]) : null;
  cache.set(key, answer);
  return answer;
};

export const featureFeasible = (spec: FeatureSpec, vec: readonly number[]): boolean => distribute(spec, vec) !== null;

export const featureVector = (p: Problem, idxs: readonly number[]): number[] => {
  const vec = p.spec.caps.map(() => 0);
  for (const i of idxs) {
    const it = p.items[i];
    if (it) addFeats(p.spec, vec, it.feats);
  }
  return vec;
};

/**
 * A concrete allocation of the chosen credentials: requirement index per item (or -1, elective),
 * or null when none meets every requirement. Credentials not needed for a minimum still go to the
 * first requirement they match, so `electives` lists only what matches none.
 */
export const allocateItems = (p: Problem, idxs: readonly number[]): Map<number, number> | null => {
  const dist = distribute(p.spec, featureVector(p, idxs));
  if (!dist) return null;
  const R = p.spec.reqs.length;
  const left = dist.map((row) => [...row]);
  const out = new Map<number, number>();
  for (const i of [...idxs].sort((a, b) => a - b)) {
    const it = p.items[i];
    if (!it) continue;
    const typeFeat = it.feats.length === 1 ? it.feats[0] : undefined;
    const t = typeFeat ? typeFeat[0] - 2 * R : -1;
    const row = left[t];
    const ty = p.spec.types[t];
    const slot = row ? row.findIndex((n) => n > 0) : -1;
    if (row && ty && slot >= 0) {
      row[slot] = (row[slot] ?? 0) - 1;
      out.set(i, p.spec.reqs[ty.reqs[slot] ?? 0]?.req ?? -1);
    } else if (it.feats.length === 2) {
      out.set(i, p.spec.reqs[(it.feats[0]?.[0] ?? 0) / 2]?.req ?? -1);
    } else {
      out.set(i, it.reqs[0] ?? -1);
    }
  }
  return out;
};

/** Requirements tracked as bit masks at most (bit r: spec.reqs[r]). */
export const MAX_LINKED_REQUIREMENTS = 30;

/**
 * Requirements joined by credentials that may serve several of them: each such credential goes to
 * one, so what they need is shared out. Over masks of positions in p.spec.reqs; null when there
 * are more requirements than a mask holds.
 */
export const requirementLinks = (p: Problem) => {
  const R = p.spec.reqs.length;
  if (R > MAX_LINKED_REQUIREMENTS) return null;
  const linked = new Array<number>(R).fill(0);
  for (const it of p.items)
    for (const r of it.serves) for (const s of it.serves) linked[r] = (linked[r] ?? 0) | (1 << s);
  /** The requirements of `mask` its lowest one reaches through credentials shared within `mask`. */
  const reach = (mask: number): number => {
    let seen = mask & -mask;
    for (;;) {
      let next = seen;
      for (let r = 0; r < R; r++) if ((seen >> r) & 1) next |= (linked[r] ?? 0) & mask;
      if (next === seen) return seen;
      seen = next;
    }
  };
  return {
    /** Whether the requirements of `mask` are joined, directly or through one another. */
    connected: (mask: number): boolean => mask !== 0 && reach(mask) === mask,
    /** The groups of requirements that share no credential with one another. */
    groups: (): number[] => {
      const out: number[] = [];
      for (let left = R === 0 ? 0 : 2 ** R - 1; left !== 0; left &= ~(out[out.length - 1] ?? left))
        out.push(reach(left));
      return out;
    },
  };
};
