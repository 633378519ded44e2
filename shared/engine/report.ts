import { allocateItems } from './allocation.js';
import type { Budget } from './budget.js';
import type { Problem } from './compile.js';
import { nestedAssignment } from './nested.js';
import type { Allocation } from './types.js';

const idOf = (p: Problem, i: number): string => {
  const e = p.items[i]?.entry;
  return e?.credentialId ?? e?.key ?? '';
};

/** Which credential fills which requirement (and nested programme) in a chosen composition. */
export const allocationOf = (p: Problem, chosen: readonly number[] | null, budget: Budget): Allocation => {
  const requirements: Record<string, string[]> = Object.fromEntries(p.reqs.map((q) => [q.id, new Array<string>()]));
  const electives: string[] = [];
  // Only what the learner holds or the set names is reported, not the offerings a plan passed over.
  const notCounted = p.notCounted
    .filter((n) => !n.entry.added)
    .map((n) => ({ credentialId: n.entry.credentialId ?? n.entry.key, reason: n.why.message }));
  const set = new Set(chosen ?? []);
  if (chosen) {
    for (const it of p.items) {
      if (!set.has(it.idx) && !it.entry.added)
        notCounted.push({
          credentialId: idOf(p, it.idx),
          reason: 'not needed: the composition is complete without it, or it does not fit the limits',
        });
    }
  }
  const members = chosen ?? p.items.filter((it) => !it.entry.added).map((it) => it.idx);
  const alloc = allocateItems(p, members);
  for (const i of members) {
    const r = alloc ? (alloc.get(i) ?? -1) : (p.items[i]?.reqs[0] ?? -1);
    const q = p.reqs[r];
    if (q) requirements[q.id]?.push(idOf(p, i));
    else electives.push(idOf(p, i));
  }
  const out: Allocation = { requirements, electives, notCounted };
  const programmes = p.rule.programmes ?? [];
  if (programmes.length > 0 && chosen) {
    const parts = nestedAssignment(p, chosen, budget);
    if (parts)
      out.programmes = Object.fromEntries(programmes.map((id, k) => [id, (parts[k] ?? []).map((i) => idOf(p, i))]));
  }
  return out;
};
