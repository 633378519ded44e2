import { addFeats, featureFeasible } from './allocation.js';
import type { Budget } from './budget.js';
import type { Problem } from './compile.js';
import { nestedAssignment } from './nested.js';
import { canStillReach, meetsBlockMinima, Tally } from './tally.js';

/*
 * Lists the valid compositions among a problem's items: sets S in which every item counts and
 * which satisfy the rule as a whole. Order: items sorted by key; S comes before T when the first
 * key (in that order) on which they differ belongs to S. This is a depth-first search that tries
 * "take" before "leave", so a page can resume right after the last composition it listed.
 */

export interface EnumerateOptions {
  /** Items every composition must contain. */
  forced: ReadonlySet<number>;
  /** Resume strictly after this composition (its keys). */
  after?: readonly string[];
  budget: Budget;
  /** Called for each composition in order; return false to stop. */
  visit: (items: number[]) => boolean;
}

/** Returns true when the enumeration ran to its end (not stopped, not out of budget). */
export const enumerateValid = (p: Problem, opts: EnumerateOptions): boolean => {
  const order = p.items
    .map((it) => it.idx)
    .sort((a, b) => {
      const ka = p.items[a]?.entry.key ?? '';
      const kb = p.items[b]?.entry.key ?? '';
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
  const n = order.length;
  const B = p.blocks.length;
  const R = p.spec.reqs.length;
  const reqMatch = (it: number, r: number): boolean => {
    const item = p.items[it];
    const req = p.spec.reqs[r]?.req ?? -1;
    return item !== undefined && item.reqs.includes(req);
  };
  // Suffix capacities, for "can the minimums still be reached" checks.
  const remUnits = new Array<number>(n + 1).fill(0);
  const remBlockCount = Array.from({ length: n + 1 }, () => new Array<number>(B).fill(0));
  const remBlockUnits = Array.from({ length: n + 1 }, () => new Array<number>(B).fill(0));
  const remReqCount = Array.from({ length: n + 1 }, () => new Array<number>(R).fill(0));
  const remReqUnits = Array.from({ length: n + 1 }, () => new Array<number>(R).fill(0));
  const tally = new Tally(p);
  const clauses = tally.clauses;
  // Per distinct clause (tally.ts), the values items j.. carry.
  const remDistinct: Set<string>[][] = clauses.map(() => Array.from({ length: n + 1 }, () => new Set<string>()));
  for (let j = n - 1; j >= 0; j--) {
    const it = p.items[order[j] ?? -1];
    if (!it) continue;
    remUnits[j] = (remUnits[j + 1] ?? 0) + it.units;
    const bc = [...(remBlockCount[j + 1] ?? [])];
    const bu = [...(remBlockUnits[j + 1] ?? [])];
    bc[it.block] = (bc[it.block] ?? 0) + 1;
    bu[it.block] = (bu[it.block] ?? 0) + it.units;
    remBlockCount[j] = bc;
    remBlockUnits[j] = bu;
    const rc = [...(remReqCount[j + 1] ?? [])];
    const ru = [...(remReqUnits[j + 1] ?? [])];
    for (let r = 0; r < R; r++)
      if (reqMatch(it.idx, r)) {
        rc[r] = (rc[r] ?? 0) + 1;
        ru[r] = (ru[r] ?? 0) + it.units;
      }
    remReqCount[j] = rc;
    remReqUnits[j] = ru;
    clauses.forEach((c, ci) => {
      const key = c.keyOf(it);
      const rest = remDistinct[ci] ?? [];
      rest[j] = key === undefined ? new Set(rest[j + 1]) : new Set([...(rest[j + 1] ?? []), key]);
    });
  }

  const { blockCount, blockUnits } = tally;
  const reqCount = new Array<number>(R).fill(0);
  const reqUnits = new Array<number>(R).fill(0);
  const taken: number[] = [];
  let stopped = false;

  const apply = (i: number, d: 1 | -1) => {
    const it = p.items[i];
    if (!it) return;
    if (d === 1) tally.add(i);
    else tally.remove(i);
    for (let r = 0; r < R; r++)
      if (reqMatch(i, r)) {
        reqCount[r] = (reqCount[r] ?? 0) + d;
        reqUnits[r] = (reqUnits[r] ?? 0) + d * it.units;
      }
    if (d === 1) taken.push(i);
    else taken.pop();
  };
  const distinctReachable = (j: number): boolean =>
    clauses.every((c, ci) => canStillReach(c, tally.distinct[ci] ?? new Map(), remDistinct[ci]?.[j] ?? []));
  const reachable = (j: number): boolean => {
    if (tally.units + (remUnits[j] ?? 0) < p.lo) return false;
    const bc = remBlockCount[j] ?? [];
    const bu = remBlockUnits[j] ?? [];
    for (let b = 0; b < B; b++) {
      const blk = p.blocks[b];
      if (blk && !meetsBlockMinima(blk, (blockCount[b] ?? 0) + (bc[b] ?? 0), (blockUnits[b] ?? 0) + (bu[b] ?? 0)))
        return false;
    }
    const rc = remReqCount[j] ?? [];
    const ru = remReqUnits[j] ?? [];
    for (let r = 0; r < R; r++) {
      const req = p.spec.reqs[r];
      if (req && ((reqCount[r] ?? 0) + (rc[r] ?? 0) < req.minCount || (reqUnits[r] ?? 0) + (ru[r] ?? 0) < req.minUnits))
        return false;
    }
    return distinctReachable(j);
  };
  // The fewest units any item of a block, or serving a requirement, brings: what a missing count costs.
  const smallestIn = (pick: (it: Problem['items'][number]) => boolean): number =>
    p.items.reduce((m, it) => (pick(it) ? Math.min(m, it.units) : m), Number.POSITIVE_INFINITY);
  const blockSmallest = p.blocks.map((_, b) => smallestIn((it) => it.block === b));
  const reqSmallest = p.spec.reqs.map((_, r) => smallestIn((it) => reqMatch(it.idx, r)));
  /**
   * Whether what the taken items still owe fits under the ECTS maximum: the units the composition
   * must still gain are at least the shortfall to the minimum total, the sum of the blocks' own
   * shortfalls, and the sum of the requirements' shortfalls (an item is allocated to one requirement
   * only). Without this, "take" fills the first institutions up to the maximum and the search then
   * backtracks through every way of doing so before it meets a later institution's minimum.
   */
  const roomLeft = (): boolean => {
    let blocks = 0;
    for (let b = 0; b < B; b++) {
      const blk = p.blocks[b];
      if (!blk) continue;
      const missingCount = blk.minCount - (blockCount[b] ?? 0);
      const short = Math.max(
        blk.minUnits - (blockUnits[b] ?? 0),
        missingCount > 0 ? missingCount * (blockSmallest[b] ?? 0) : 0,
      );
      if (short > 0) blocks += short;
    }
    let reqs = 0;
    for (let r = 0; r < R; r++) {
      const req = p.spec.reqs[r];
      if (!req) continue;
      const missingCount = req.minCount - (reqCount[r] ?? 0);
      const short = Math.max(
        req.minUnits - (reqUnits[r] ?? 0),
        missingCount > 0 ? missingCount * (reqSmallest[r] ?? 0) : 0,
      );
      if (short > 0) reqs += short;
    }
    return tally.units + Math.max(p.lo - tally.units, blocks, reqs) <= p.hi;
  };
  const complete = (): boolean => {
    if (!tally.complete()) return false;
    const vec = p.spec.caps.map(() => 0);
    for (const i of taken) addFeats(p.spec, vec, p.items[i]?.feats ?? []);
    if (!featureFeasible(p.spec, vec)) return false;
    return (p.rule.programmes?.length ?? 0) === 0 || nestedAssignment(p, taken, opts.budget) !== null;
  };
  // Taking an item moves it from "remaining" to "taken", which leaves every "taken + remaining"
  // capacity as it was; only leaving one out can make a minimum unreachable, and only the minimums
  // that item contributes to. So the full check runs once per start, then one item's worth per node.
  const reachableWithout = (j: number, i: number): boolean => {
    const it = p.items[i];
    if (!it) return true;
    if (tally.units + (remUnits[j + 1] ?? 0) < p.lo) return false;
    const blk = p.blocks[it.block];
    const bc = remBlockCount[j + 1] ?? [];
    const bu = remBlockUnits[j + 1] ?? [];
    if (
      blk &&
      !meetsBlockMinima(
        blk,
        (blockCount[it.block] ?? 0) + (bc[it.block] ?? 0),
        (blockUnits[it.block] ?? 0) + (bu[it.block] ?? 0),
      )
    )
      return false;
    const rc = remReqCount[j + 1] ?? [];
    const ru = remReqUnits[j + 1] ?? [];
    for (let r = 0; r < R; r++) {
      const req = p.spec.reqs[r];
      if (
        req &&
        reqMatch(i, r) &&
        ((reqCount[r] ?? 0) + (rc[r] ?? 0) < req.minCount || (reqUnits[r] ?? 0) + (ru[r] ?? 0) < req.minUnits)
      )
        return false;
    }
    // Leaving it out loses a distinct value only if no taken or later item carries it.
    const lost = clauses.some((c, ci) => {
      const key = c.keyOf(it);
      const held = tally.distinct[ci];
      return key !== undefined && (held?.size ?? 0) < c.min && !held?.has(key) && !remDistinct[ci]?.[j + 1]?.has(key);
    });
    return !lost || distinctReachable(j + 1);
  };
  const dfs = (j: number): void => {
    if (stopped || opts.budget.spent()) return;
    if (j === n) {
      if (complete() && !opts.visit([...taken])) stopped = true;
      return;
    }
    const i = order[j] ?? -1;
    if (tally.admits(i)) {
      apply(i, 1);
      if (roomLeft()) dfs(j + 1);
      apply(i, -1);
    }
    if (!opts.forced.has(i) && reachableWithout(j, i)) dfs(j + 1);
  };
  const start = (j: number) => {
    if (reachable(j) && roomLeft()) dfs(j);
  };

  if (!opts.after) {
    start(0);
  } else {
    // Compositions after C diverge from C at a key C holds and they do not; deeper divergence first.
    const keyOf = (j: number) => p.items[order[j] ?? -1]?.entry.key ?? '';
    const after = [...opts.after].sort();
    for (let c = after.length - 1; c >= 0 && !stopped && !opts.budget.aborted; c--) {
      const k = after[c] ?? '';
      const prefix = new Set(after.slice(0, c));
      let j = 0;
      let ok = true;
      while (ok && j < n && keyOf(j) < k) {
        const i = order[j] ?? -1;
        if (prefix.has(keyOf(j))) {
          if (tally.admits(i)) apply(i, 1);
          else ok = false;
        } else if (opts.forced.has(i)) ok = false;
        j++;
      }
      while (ok && j < n && keyOf(j) === k) {
        if (opts.forced.has(order[j] ?? -1)) ok = false;
        j++;
      }
      if (ok) start(j);
      while (taken.length) apply(taken[taken.length - 1] ?? -1, -1);
    }
  }
  return !stopped && !opts.budget.aborted;
};
