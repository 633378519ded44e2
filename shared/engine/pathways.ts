import { Budget } from './budget.js';
import { compile, type Problem } from './compile.js';
import { countContainingCores } from './count-bound.js';
import { countByClasses } from './count-classes.js';
import { countCompositions } from './count.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { toEcts } from './ects-units.js';
import { enumerateValid, orderKey } from './enumerate.js';
import { credentialEntry, latestPublished } from './entries.js';
import type { EngineContext, EngineOptions, Pathway, PathwaysAnswer, PathwaysQuery } from './types.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
/** More compositions than enumeration could list within a request (it lists thousands a second at 1,000 offerings). */
const ENUMERABLE = 1_000_000n;

/**
 * SPEC §5 pathways: the valid compositions of the published catalogue (sets S of distinct
 * offerings, every one counting, S satisfying the rule as a whole), those containing every
 * `include` and no `exclude` id. `total` is exact (dynamic programming, or a complete enumeration);
 * when neither finishes within the budget it is the number enumerated so far, a true lower bound.
 * Pages follow the order of `enumerateValid`; the cursor names the last composition listed.
 */
export const findPathways = (ctx: EngineContext, q: PathwaysQuery, opts?: EngineOptions): PathwaysAnswer => {
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(q.limit ?? DEFAULT_LIMIT)));
  const budget = Budget.of(opts);
  const exclude = new Set(q.exclude ?? []);
  const include = [...new Set(q.include ?? [])];
  const offerings = latestPublished(ctx.catalogue).filter((c) => !exclude.has(c.id));
  const p = compile(
    ctx,
    ctx.rule,
    offerings.map((c) => credentialEntry(c, false)),
    undefined,
    [],
  );
  const forced = new Set<number>();
  for (const id of include) {
    const it = p.items.find((x) => x.entry.credentialId === id);
    // An included id that is not a counting offering is in no composition.
    if (!it) return { total: '0', exact: true, pathways: [] };
    forced.add(it.idx);
  }

  const page: number[][] = [];
  enumerateValid(p, {
    forced,
    budget,
    ...(after ? { after } : {}),
    visit: (items) => {
      page.push(items);
      return page.length <= limit;
    },
  });
  const listed = page.slice(0, limit);
  const last = listed[listed.length - 1];

  // Nested programmes put the dynamic programme out of reach; choice classes may still count exactly.
  // The exact counts get half of what is left, so that a count they cannot finish still ends in a
  // lower bound that enumeration had time to raise.
  const countBudget = budget.share(budget.remainingMs() / 2);
  let total =
    countCompositions(p, forced, countBudget) ??
    ((p.rule.programmes?.length ?? 0) > 0 ? countByClasses(p, forced, countBudget) : null);
  let exact = total !== null;
  if (total === null) {
    // Compositions containing a core of those listed are counted exactly (count-bound.ts): a true
    // lower bound, most often far above what enumeration reaches one composition at a time. Past
    // ENUMERABLE, enumeration could not finish within any request's budget: the bound is the answer.
    const cores = countContainingCores(p, forced, page, budget.share(budget.remainingMs() / 2)) ?? 0n;
    let n = 0n;
    exact =
      cores <= ENUMERABLE &&
      enumerateValid(p, {
        forced,
        budget,
        visit: () => {
          n++;
          return true;
        },
      });
    // The compositions this page lists are valid and distinct: a bound however far enumeration got.
    total = exact ? n : [n, BigInt(page.length), cores].reduce((a, b) => (b > a ? b : a));
  }
  const answer: PathwaysAnswer = {
    total: total.toString(),
    exact,
    pathways: listed.map((items) => pathwayOf(p, items)),
  };
  if (page.length > limit && last) answer.cursor = encodeCursor(last.map((i) => orderKey(p, i)).sort());
  return answer;
};

const keysOf = (p: Problem, items: readonly number[]) => items.map((i) => p.items[i]?.entry.key ?? '').sort();

const pathwayOf = (p: Problem, items: readonly number[]): Pathway => {
  const institutions: Record<string, number> = {};
  let units = 0;
  for (const i of items) {
    const it = p.items[i];
    if (!it) continue;
    units += it.units;
    const id = it.entry.credential?.institutionId ?? 'external';
    institutions[id] = toEcts((institutions[id] ?? 0) * p.scale + it.units, p.scale);
  }
  return { credentials: keysOf(p, items), totalEcts: toEcts(units, p.scale), institutions };
};
