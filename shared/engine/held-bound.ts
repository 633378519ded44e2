import type { Problem } from './compile.js';

/**
 * A lower bound on a plan's cost that sees the requirements, which the institutions' knapsack
 * (search.ts, `relaxation`) does not: what is held is chosen and allocated in every way (a small
 * dynamic programme over the held items, which are few), and for each way the offerings to add must
 * bring at least every requirement's shortfall (an added credential is allocated to one requirement
 * only, and brings no fewer units than the smallest offering serving it) and the shortfall to the
 * ECTS minimum, without passing the ECTS maximum. Institution bounds, exclusions and distinct counts
 * are relaxed, so it never exceeds the optimum. Returns 0 when the held items are too many to
 * enumerate their states.
 */
export const heldRequirementBound = (p: Problem, stateLimit = 20_000): number => {
  const reqs = p.spec.reqs;
  const held = p.items.filter((it) => it.cost === 0);
  const offers = p.items.filter((it) => it.cost > 0);
  if (offers.length === 0) return 0;
  const R = reqs.length;
  const smallestServing = reqs.map((_, r) =>
    offers.reduce((m, it) => (it.serves.includes(r) ? Math.min(m, it.units) : m), Number.POSITIVE_INFINITY),
  );
  const largest = offers.reduce((m, it) => Math.max(m, it.units), 1);
  // State: [units held, then per requirement (count, units) allocated, capped at its minimums].
  let states = new Map<string, number[]>([[new Array(1 + 2 * R).fill(0).join(','), new Array(1 + 2 * R).fill(0)]]);
  for (const it of held) {
    const next = new Map(states);
    for (const s of states.values()) {
      for (const role of [-1, ...it.serves]) {
        const t = [...s];
        t[0] = Math.min(p.hi + 1, (t[0] ?? 0) + it.units);
        if (role >= 0) {
          const q = reqs[role];
          t[1 + 2 * role] = Math.min(q?.minCount ?? 0, (t[1 + 2 * role] ?? 0) + 1);
          t[2 + 2 * role] = Math.min(q?.minUnits ?? 0, (t[2 + 2 * role] ?? 0) + it.units);
        }
        next.set(t.join(','), t);
      }
    }
    states = next;
    if (states.size > stateLimit) return 0;
  }
  let best = Number.POSITIVE_INFINITY;
  for (const s of states.values()) {
    let need = 0;
    reqs.forEach((q, r) => {
      const short = Math.max(
        q.minUnits - (s[2 + 2 * r] ?? 0),
        (q.minCount - (s[1 + 2 * r] ?? 0)) * (smallestServing[r] ?? 0),
        0,
      );
      need += short;
    });
    const units = Math.max(need, p.lo - (s[0] ?? 0), 0);
    if ((s[0] ?? 0) + units > p.hi) continue;
    if (units < best) best = units;
  }
  if (best === Number.POSITIVE_INFINITY || best === 0) return 0;
  // Each added offering costs (units·big + 1)·tieScale or more: at least that many units, in at least this many offerings.
  return (best * p.big + Math.ceil(best / largest)) * p.tieScale;
};
