import type { Budget } from './budget.js';
import { compile, type Problem } from './compile.js';
import { nestedSolvers } from './nested-hook.js';
import type { Entry } from './types.js';

/*
 * SPEC §5.6, vertical stacking: every programme in `programmes` is satisfied by its own part of the
 * chosen set: pairwise disjoint subsets, one per nested programme, each a valid composition of that
 * programme (recursively). A programme on its own path (a cycle) or without a rule is unsatisfiable.
 */

const nestedProblem = (p: Problem, programmeId: string, entries: readonly Entry[]): Problem | null => {
  const rule = p.ctx.nested[programmeId];
  if (!rule || p.chain.includes(programmeId)) return null;
  return compile(p.ctx, rule, entries, p.asOf, [...p.chain, programmeId]);
};

/**
 * What nested programmes can see of an item, as a string: offerings of one institution with equal
 * signatures are interchangeable for every nested check as well.
 */
export const nestedSignature = (p: Problem): ((item: number) => string) => {
  const entries = p.items.map((it) => ({ ...it.entry, added: false }));
  const sigs = p.items.map(() => '');
  for (const id of p.rule.programmes ?? []) {
    const np = nestedProblem(p, id, entries);
    if (!np) continue;
    const inner = (np.rule.programmes?.length ?? 0) > 0 ? nestedSignature(np) : () => '';
    const at = new Map(np.items.map((it) => [it.entry, it]));
    entries.forEach((e, i) => {
      const it = at.get(e);
      const grouped = it && it.groups.length > 0 ? (e.credentialId ?? e.key) : '';
      sigs[i] += it ? `[${it.reqs.join(',')}|${grouped}|${inner(it.idx)}]` : '[-]';
    });
  }
  return (item) => sigs[item] ?? '';
};

/**
 * Disjoint parts of `items` (indices into p.items), one per nested programme in rule order, each a
 * valid composition of it; or null when there is none (or the budget ran out, which the budget says).
 */
export const nestedAssignment = (p: Problem, items: readonly number[], budget: Budget): number[][] | null => {
  const programmes = p.rule.programmes ?? [];
  const { minimise, enumerateValid } = nestedSolvers();
  const parts: number[][] = [];
  const assign = (k: number, available: readonly number[]): boolean => {
    const id = programmes[k];
    if (id === undefined) return true;
    const entries: Entry[] = [];
    const origin = new Map<Entry, number>();
    for (const i of available) {
      const e = p.items[i]?.entry;
      if (!e) continue;
      const copy = { ...e, added: false };
      entries.push(copy);
      origin.set(copy, i);
    }
    const np = nestedProblem(p, id, entries);
    if (!np) return false;
    const back = (nestedItems: readonly number[]) =>
      nestedItems.map((ni) => {
        const e = np.items[ni]?.entry;
        return e ? (origin.get(e) ?? -1) : -1;
      });
    if (k === programmes.length - 1) {
      const found = minimise(np, budget).items;
      if (found) parts.push(back(found));
      return found !== null;
    }
    let ok = false;
    enumerateValid(np, {
      forced: new Set(),
      budget,
      visit: (part) => {
        const mine = back(part);
        parts.push(mine);
        ok = assign(
          k + 1,
          available.filter((i) => !mine.includes(i)),
        );
        if (!ok) parts.pop();
        return !ok;
      },
    });
    return ok;
  };
  return assign(0, items) ? parts : null;
};

export const nestedSatisfied = (p: Problem, items: readonly number[], budget: Budget): boolean =>
  nestedAssignment(p, items, budget) !== null;
