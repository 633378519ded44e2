import { addFeats, featureFeasible } from './allocation.js';
import type { Budget } from './budget.js';
import type { Problem } from './compile.js';
import { nestedAssignment } from './nested.js';
import { CompletionTable } from './completion-table.js';
import { SuffixReach } from './suffix-reach.js';
import { canStillReach, Tally } from './tally.js';

/*
 * Lists the valid compositions among a problem's items: sets S in which every item counts and
 * which satisfy the rule as a whole. Order: items sorted by their order key (institution, then
 * key); S comes before T when the first item (in that order) on which they differ belongs to S.
 * This is a depth-first search that tries "take" before "leave", so a page can resume right after
 * the last composition it listed. Deciding one institution at a time lets the completion table
 * (completion-table.ts) see exactly what the rest can still add, so the search seldom enters a
 * partial composition it cannot complete.
 */

/** Where an item stands in the enumeration's order; a cursor names compositions by these. */
export const orderKey = (p: Problem, i: number): string => {
  const it = p.items[i];
  return `${p.blocks[it?.block ?? -1]?.id ?? ''}\u0000${it?.entry.key ?? ''}`;
};

export interface EnumerateOptions {
  /** Items every composition must contain. */
  forced: ReadonlySet<number>;
  /** Resume strictly after this composition (its items' order keys). */
  after?: readonly string[];
  budget: Budget;
  /** Called for each composition in order; return false to stop. */
  visit: (items: number[]) => boolean;
}

/** Returns true when the enumeration ran to its end (not stopped, not out of budget). */
export const enumerateValid = (p: Problem, opts: EnumerateOptions): boolean => {
  const keys = p.items.map((it) => orderKey(p, it.idx));
  const order = p.items
    .map((it) => it.idx)
    .sort((a, b) => {
      const ka = keys[a] ?? '';
      const kb = keys[b] ?? '';
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
  const n = order.length;
  const tally = new Tally(p);
  const clauses = tally.clauses;
  const suffix = new SuffixReach(p, order);
  const gained = suffix.progress();
  const table = CompletionTable.build(p, order);
  const progress = table?.progress() ?? [];
  // Per distinct clause (tally.ts), the values items j.. carry.
  const remDistinct: Set<string>[][] = clauses.map(() => Array.from({ length: n + 1 }, () => new Set<string>()));
  for (let j = n - 1; j >= 0; j--) {
    const it = p.items[order[j] ?? -1];
    if (!it) continue;
    clauses.forEach((c, ci) => {
      const key = c.keyOf(it);
      const rest = remDistinct[ci] ?? [];
      rest[j] = key === undefined ? new Set(rest[j + 1]) : new Set([...(rest[j + 1] ?? []), key]);
    });
  }

  const { blockCount } = tally;
  const taken: number[] = [];
  let stopped = false;

  const apply = (i: number, d: 1 | -1) => {
    if (!p.items[i]) return;
    if (d === 1) tally.add(i);
    else tally.remove(i);
    suffix.change(gained, i, d);
    table?.change(progress, i, d);
    if (d === 1) taken.push(i);
    else taken.pop();
  };
  const distinctReachable = (j: number): boolean =>
    clauses.every((c, ci) => canStillReach(c, tally.distinct[ci] ?? new Map(), remDistinct[ci]?.[j] ?? []));
  /**
   * Whether the items from j on can still complete what is taken: every minimum within reach, what
   * they still cost under the maximum, and the distinct values still reachable.
   */
  const canStillComplete = (j: number): boolean =>
    suffix.canFitMinimums(j, tally, gained) &&
    suffix.canMeetMinimums(j, tally, gained) &&
    (table === null ||
      j === n ||
      table.canComplete(j, tally.units, blockCount[p.items[order[j] ?? -1]?.block ?? -1] ?? 0, progress)) &&
    distinctReachable(j);
  const complete = (): boolean => {
    if (!tally.complete()) return false;
    const vec = p.spec.caps.map(() => 0);
    for (const i of taken) addFeats(p.spec, vec, p.items[i]?.feats ?? []);
    if (!featureFeasible(p.spec, vec)) return false;
    return (p.rule.programmes?.length ?? 0) === 0 || nestedAssignment(p, taken, opts.budget) !== null;
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
      if (canStillComplete(j + 1)) dfs(j + 1);
      apply(i, -1);
    }
    if (!opts.forced.has(i) && canStillComplete(j + 1)) dfs(j + 1);
  };
  const start = (j: number) => {
    if (canStillComplete(j)) dfs(j);
  };

  if (!opts.after) {
    start(0);
  } else {
    // Compositions after C diverge from C at a key C holds and they do not; deeper divergence first.
    const keyOf = (j: number) => keys[order[j] ?? -1] ?? '';
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
