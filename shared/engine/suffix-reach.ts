import type { Problem } from './compile.js';
import { meetsBlockMinima } from './tally.js';

/*
 * What the items not yet decided can still bring, for the enumeration's test "can this partial
 * composition still be completed". Two sides:
 * - Enough: an institution that may take k more credentials brings at most its k largest
 *   remaining ones, to the ECTS total and to each requirement, and no more than its remaining ECTS
 *   allowance; the minimums must be within reach of that.
 * - Not too much: a minimum still short by k credentials costs at least the k smallest remaining
 *   ones that can meet it; those costs must fit under the ECTS maximum.
 * Sums over all the remaining items, or the smallest item of an institution as it was at the
 * start, miss both; at a thousand offerings that let the depth-first search wander through
 * millions of partial compositions that no completion could rescue before it listed one.
 *
 * The test stays optimistic where it must be cheap: an item may count for every requirement it
 * matches at once, and institutions are capped one by one, not against the ECTS maximum together.
 */

/** Remaining items of one institution: per dimension (0: ECTS total, 1 + r: requirement r). */
interface Remaining {
  /** Units of the remaining items, largest first, at most the institution's maximum count of them. */
  readonly largest: readonly (readonly number[])[];
  /** Units of the remaining items, smallest first, as many as the minimum count of the dimension. */
  readonly smallest: readonly (readonly number[])[];
  /** Units and number of all the remaining items. */
  readonly units: readonly number[];
  readonly count: readonly number[];
}

/** What is taken so far (a Tally is one). */
export interface Taken {
  readonly units: number;
  readonly blockCount: readonly number[];
  readonly blockUnits: readonly number[];
}

const sumOfFirst = (xs: readonly number[], k: number): number => {
  let s = 0;
  for (let i = 0; i < k && i < xs.length; i++) s += xs[i] ?? 0;
  return s;
};

/** The sum of the k first of `xs` (sorted smallest first), or infinity when there are fewer. */
const leastOf = (xs: readonly number[], k: number): number =>
  xs.length < k ? Number.POSITIVE_INFINITY : sumOfFirst(xs, k);

/** `xs` (sorted by `before`) with `x` in its place, cut to `keep` entries. */
const inserted = (xs: readonly number[], x: number, keep: number, before: (a: number, b: number) => boolean) => {
  const out = [...xs];
  let at = out.findIndex((y) => before(x, y));
  if (at < 0) at = out.length;
  out.splice(at, 0, x);
  if (out.length > keep) out.length = keep;
  return out;
};

export class SuffixReach {
  /** remaining[j][b]: institution b's items among order[j..]; positions share what did not change. */
  private readonly remaining: (readonly Remaining[])[];
  private readonly D: number;
  /** Per requirement dimension, its minimum count: how many of its smallest items to keep (0 for the total). */
  private readonly reqMinCount: readonly number[];

  constructor(
    private readonly p: Problem,
    order: readonly number[],
  ) {
    const R = p.spec.reqs.length;
    this.D = R + 1;
    this.reqMinCount = [0, ...p.spec.reqs.map((r) => r.minCount)];
    const none: Remaining = {
      largest: Array.from({ length: this.D }, () => []),
      smallest: Array.from({ length: this.D }, () => []),
      units: new Array<number>(this.D).fill(0),
      count: new Array<number>(this.D).fill(0),
    };
    const n = order.length;
    this.remaining = new Array(n + 1);
    this.remaining[n] = p.blocks.map(() => none);
    for (let j = n - 1; j >= 0; j--) {
      const after = this.remaining[j + 1] ?? [];
      const it = p.items[order[j] ?? -1];
      if (!it) {
        this.remaining[j] = after;
        continue;
      }
      const was = after[it.block] ?? none;
      // An institution that may take all its items needs only their sums, not the largest of them.
      const block = p.blocks[it.block];
      const keep = block && block.maxCount < block.items.length ? block.maxCount : 0;
      const dims = (d: number) => d === 0 || it.serves.includes(d - 1);
      // The institution's own minimum count on the total; each requirement's on its own dimension.
      const short = (d: number) => (d === 0 ? (block?.minCount ?? 0) : (this.reqMinCount[d] ?? 0));
      const now: Remaining = {
        largest: was.largest.map((xs, d) => (dims(d) && keep > 0 ? inserted(xs, it.units, keep, (a, b) => a > b) : xs)),
        smallest: was.smallest.map((xs, d) =>
          dims(d) && short(d) > 0 ? inserted(xs, it.units, short(d), (a, b) => a < b) : xs,
        ),
        units: was.units.map((u, d) => (dims(d) ? u + it.units : u)),
        count: was.count.map((c, d) => (dims(d) ? c + 1 : c)),
      };
      const row = [...after];
      row[it.block] = now;
      this.remaining[j] = row;
    }
  }

  /**
   * Whether items order[j..], added to `taken` (with `reqCount` and `reqUnits` of each requirement),
   * can still meet every minimum; see above for how optimistic.
   */
  canMeetMinimums(j: number, taken: Taken, reqCount: readonly number[], reqUnits: readonly number[]): boolean {
    const { p, D } = this;
    const rows = this.remaining[j] ?? [];
    const units = new Array<number>(D).fill(0);
    const count = new Array<number>(D).fill(0);
    for (let b = 0; b < p.blocks.length; b++) {
      const block = p.blocks[b];
      const rest = rows[b];
      if (!block || !rest) continue;
      const haveCount = taken.blockCount[b] ?? 0;
      const haveUnits = taken.blockUnits[b] ?? 0;
      const more = block.maxCount - haveCount;
      const room = Math.min(block.maxUnits - haveUnits, p.hi - taken.units);
      let blockUnits = 0;
      let blockCount = 0;
      if (more > 0 && room > 0)
        for (let d = 0; d < D; d++) {
          const all = (rest.count[d] ?? 0) <= more;
          const u = Math.min(room, all ? (rest.units[d] ?? 0) : sumOfFirst(rest.largest[d] ?? [], more));
          const c = Math.min(more, rest.count[d] ?? 0);
          units[d] = (units[d] ?? 0) + u;
          count[d] = (count[d] ?? 0) + c;
          if (d === 0) {
            blockUnits = u;
            blockCount = c;
          }
        }
      if (!meetsBlockMinima(block, haveCount + blockCount, haveUnits + blockUnits)) return false;
    }
    if (taken.units + (units[0] ?? 0) < p.lo) return false;
    return p.spec.reqs.every(
      (req, r) =>
        (reqCount[r] ?? 0) + (count[r + 1] ?? 0) >= req.minCount &&
        (reqUnits[r] ?? 0) + (units[r + 1] ?? 0) >= req.minUnits,
    );
  }

  /**
   * Whether what `taken` still owes fits under the ECTS maximum: the units it must still gain are
   * at least the shortfall to the minimum total, the sum of the institutions' own shortfalls, and
   * the sum of the requirements' shortfalls (an item is allocated to one requirement only), each
   * short count made up by the smallest items left that can make it up.
   */
  canFitMinimums(j: number, taken: Taken, reqCount: readonly number[], reqUnits: readonly number[]): boolean {
    const { p } = this;
    const rows = this.remaining[j] ?? [];
    // The n smallest remaining items of dimension d across institutions (each keeps its own n smallest).
    const cheapest = (d: number, n: number): number =>
      leastOf(
        rows.flatMap((rest) => rest.smallest[d] ?? []).sort((x, y) => x - y),
        n,
      );
    let blocks = 0;
    for (let b = 0; b < p.blocks.length; b++) {
      const block = p.blocks[b];
      if (!block) continue;
      const missing = block.minCount - (taken.blockCount[b] ?? 0);
      const short = Math.max(
        block.minUnits - (taken.blockUnits[b] ?? 0),
        missing > 0 ? leastOf(rows[b]?.smallest[0] ?? [], missing) : 0,
      );
      if (short > 0) blocks += short;
    }
    let reqs = 0;
    p.spec.reqs.forEach((req, r) => {
      const missing = req.minCount - (reqCount[r] ?? 0);
      const short = Math.max(req.minUnits - (reqUnits[r] ?? 0), missing > 0 ? cheapest(r + 1, missing) : 0);
      if (short > 0) reqs += short;
    });
    return taken.units + Math.max(p.lo - taken.units, blocks, reqs) <= p.hi;
  }
}
