import type { Budget } from './budget.js';
import { choiceUnits, crossGroups, type ItemClass } from './choice-units.js';
import { compile, type Problem } from './compile.js';
import { choose } from './count.js';
import { enumerateValid } from './enumerate.js';
import { nestedSignature } from './nested.js';
import { meetsBlockMinima, withinBlockMaxima } from './tally.js';

/*
 * Exact count where the dynamic programme of count.ts does not reach: rules with nested
 * programmes. Offerings of one institution that agree on everything the rule and its nested
 * programmes can see (one choice class) are interchangeable, so a composition is fixed, up to
 * swapping offerings within classes, by how many it takes of each class. Each such count vector
 * is checked once, on a representative set (the first k offerings of each class), and weighs
 * Π C(n, k). Exclusion groups (whose members are not interchangeable) are left to enumeration.
 */

interface Cls {
  readonly block: number;
  readonly items: number[];
  readonly units: number;
  /** A forced (included) offering is a class of its own that must be taken. */
  readonly forced: boolean;
}

/** Whether exactly `items` (indices into p.items) is a valid composition, nested programmes included. */
const isComposition = (p: Problem, items: readonly number[], budget: Budget): boolean => {
  const sub = compile(
    p.ctx,
    p.rule,
    items.map((i) => p.items[i]?.entry).filter((e) => e !== undefined),
    p.asOf,
    p.chain,
  );
  if (sub.items.length !== items.length) return false;
  let whole = false;
  enumerateValid(sub, {
    forced: new Set(sub.items.map((it) => it.idx)),
    budget,
    visit: (found) => {
      whole = found.length === sub.items.length;
      return false;
    },
  });
  return whole;
};

export const countByClasses = (
  p: Problem,
  forced: ReadonlySet<number>,
  budget: Budget,
  vectorLimit = 20_000,
): bigint | null => {
  const cross = crossGroups(p);
  const nested = nestedSignature(p);
  const classes: Cls[] = [];
  for (const [b, block] of p.blocks.entries()) {
    for (const unit of choiceUnits(p, block, cross, (i) => `${nested(i)}${forced.has(i) ? `|forced:${i}` : ''}`)) {
      if (unit.kind !== 'class') return null;
      const cls: ItemClass = unit;
      classes.push({ block: b, items: cls.items, units: cls.units, forced: cls.items.some((i) => forced.has(i)) });
    }
  }
  const blockCount = new Array<number>(p.blocks.length).fill(0);
  const blockUnits = new Array<number>(p.blocks.length).fill(0);
  const taken: number[] = [];
  let total = 0n;
  let vectors = 0;
  let gaveUp = false;

  const leaf = (weight: bigint, units: number) => {
    if (units < p.lo) return;
    if (p.blocks.some((blk, b) => !meetsBlockMinima(blk, blockCount[b] ?? 0, blockUnits[b] ?? 0))) return;
    if (++vectors > vectorLimit || budget.spent()) {
      gaveUp = true;
      return;
    }
    if (isComposition(p, taken, budget)) total += weight;
  };

  const dfs = (c: number, weight: bigint, units: number) => {
    if (gaveUp) return;
    const cls = classes[c];
    if (!cls) return leaf(weight, units);
    const block = p.blocks[cls.block];
    if (!block) return;
    const lowest = cls.forced ? cls.items.length : 0;
    for (let k = lowest; k <= cls.items.length; k++) {
      const count = (blockCount[cls.block] ?? 0) + k;
      const blockU = (blockUnits[cls.block] ?? 0) + k * cls.units;
      if (units + k * cls.units > p.hi || !withinBlockMaxima(block, count, blockU)) break;
      blockCount[cls.block] = count;
      blockUnits[cls.block] = blockU;
      taken.push(...cls.items.slice(0, k));
      dfs(c + 1, weight * (cls.forced ? 1n : choose(cls.items.length, k)), units + k * cls.units);
      taken.length -= k;
      blockCount[cls.block] = count - k;
      blockUnits[cls.block] = blockU - k * cls.units;
      if (gaveUp) return;
    }
  };
  dfs(0, 1n, 0);
  return gaveUp || budget.aborted ? null : total;
};
