import type { Block, Item, Problem } from './compile.js';

/*
 * The set-level clauses of a rule (SPEC §5), each spelled out once: the ECTS range of the whole
 * set, each institution's bounds (§5.3), exclusion groups (§5.2) and the distinct-value minimums
 * `minInstitutions` and `minCountries`. Requirements (§5.4, allocation.ts) and nested programmes
 * (§5.6, nested.ts) have homes of their own. The searches keep their own compact states, but judge
 * them with the predicates below; the enumeration and the plain-words messages follow one
 * composition item by item with a Tally. docs/engine.md, "Adding a clause", says where a new
 * clause goes.
 */

/** SPEC §5.3: an institution's counted credentials stay within its maximums. */
export const withinBlockMaxima = (block: Block, count: number, units: number): boolean =>
  count <= block.maxCount && units <= block.maxUnits;

/** SPEC §5.3: an institution's counted credentials reach its minimums. */
export const meetsBlockMinima = (block: Block, count: number, units: number): boolean =>
  count >= block.minCount && units >= block.minUnits;

/** A least number of distinct values among the counted credentials: institutions, or countries. */
export interface DistinctClause {
  readonly rule: 'minInstitutions' | 'minCountries';
  readonly min: number;
  /** The credential's value, or undefined when it has none (an external credential without a country). */
  readonly keyOf: (item: Item) => string | undefined;
  readonly noun: readonly [one: string, many: string];
}

/** The rule's distinct-value clauses that ask for anything (a minimum above 0). */
export const distinctClauses = (p: Problem): DistinctClause[] =>
  [
    {
      rule: 'minInstitutions' as const,
      min: p.minInstitutions,
      // An external credential's issuer counts as an institution of its own (compile.ts, instKey).
      keyOf: (it: Item) => it.instKey,
      noun: ['institution', 'institutions'] as const,
    },
    {
      rule: 'minCountries' as const,
      min: p.minCountries,
      keyOf: (it: Item) => it.country,
      noun: ['country', 'countries'] as const,
    },
  ].filter((c) => c.min > 0);

/** Whether a distinct clause can still be met: the values held plus those only `rest` brings. */
export const canStillReach = (
  clause: DistinctClause,
  held: { readonly size: number; has(key: string): boolean },
  rest: Iterable<string>,
): boolean => {
  if (held.size >= clause.min) return true;
  let reach = held.size;
  for (const key of rest) if (!held.has(key) && ++reach >= clause.min) return true;
  return false;
};

/** The values a partial composition carries per distinct clause, as multisets (add and remove are inverses). */
export class DistinctValues {
  private readonly counts: Map<string, number>[];

  constructor(clauses: number) {
    this.counts = Array.from({ length: clauses }, () => new Map());
  }

  of(ci: number): ReadonlyMap<string, number> {
    return this.counts[ci] ?? new Map();
  }

  add(values: readonly (readonly string[])[]): void {
    this.change(values, 1);
  }

  remove(values: readonly (readonly string[])[]): void {
    this.change(values, -1);
  }

  meets(clauses: readonly DistinctClause[]): boolean {
    return clauses.every((c, ci) => (this.counts[ci]?.size ?? 0) >= c.min);
  }

  private change(values: readonly (readonly string[])[], d: 1 | -1): void {
    values.forEach((keys, ci) => {
      const m = this.counts[ci];
      if (!m) return;
      for (const k of keys) {
        const v = (m.get(k) ?? 0) + d;
        if (v === 0) m.delete(k);
        else m.set(k, v);
      }
    });
  }
}

/**
 * One composition as the set-level clauses see it, kept item by item: `add` and `remove` are
 * exact inverses, so a depth-first search can follow its path with one tally.
 */
export class Tally {
  units = 0;
  readonly blockCount: number[];
  readonly blockUnits: number[];
  readonly clauses: readonly DistinctClause[];
  /** Per distinct clause: how many counted credentials carry each value. */
  readonly distinct: Map<string, number>[];
  private readonly groupUse: number[];

  constructor(private readonly p: Problem) {
    this.blockCount = p.blocks.map(() => 0);
    this.blockUnits = p.blocks.map(() => 0);
    this.groupUse = p.groups.map(() => 0);
    this.clauses = distinctClauses(p);
    this.distinct = this.clauses.map(() => new Map());
  }

  static of(p: Problem, idxs: readonly number[]): Tally {
    const t = new Tally(p);
    for (const i of idxs) t.add(i);
    return t;
  }

  add(i: number): void {
    this.change(i, 1);
  }

  remove(i: number): void {
    this.change(i, -1);
  }

  /** Whether taking item `i` as well keeps every maximum: the ECTS total, its institution's bounds, its groups. */
  admits(i: number): boolean {
    const it = this.p.items[i];
    const block = it && this.p.blocks[it.block];
    if (!it || !block) return false;
    return (
      this.units + it.units <= this.p.hi &&
      withinBlockMaxima(block, (this.blockCount[it.block] ?? 0) + 1, (this.blockUnits[it.block] ?? 0) + it.units) &&
      it.groups.every((g) => (this.groupUse[g] ?? 0) === 0)
    );
  }

  /** Distinct values of clause `c` among the counted credentials. */
  distinctCount(c: number): number {
    return this.distinct[c]?.size ?? 0;
  }

  /** Whether the ECTS range, every institution's minimums and every distinct minimum are met. */
  complete(): boolean {
    if (this.units < this.p.lo || this.units > this.p.hi) return false;
    if (this.p.blocks.some((b, bi) => !meetsBlockMinima(b, this.blockCount[bi] ?? 0, this.blockUnits[bi] ?? 0)))
      return false;
    return this.clauses.every((c, ci) => this.distinctCount(ci) >= c.min);
  }

  private change(i: number, d: 1 | -1): void {
    const it = this.p.items[i];
    if (!it) return;
    this.units += d * it.units;
    this.blockCount[it.block] = (this.blockCount[it.block] ?? 0) + d;
    this.blockUnits[it.block] = (this.blockUnits[it.block] ?? 0) + d * it.units;
    for (const g of it.groups) this.groupUse[g] = (this.groupUse[g] ?? 0) + d;
    this.clauses.forEach((c, ci) => {
      const key = c.keyOf(it);
      const m = this.distinct[ci];
      if (key === undefined || !m) return;
      const v = (m.get(key) ?? 0) + d;
      if (v === 0) m.delete(key);
      else m.set(key, v);
    });
  }
}
