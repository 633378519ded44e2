import { requirementLinks } from './allocation.js';
import type { Problem } from './compile.js';
import { meetsBlockMinima } from './tally.js';

/*
 * What the items not yet decided can still bring, for the enumeration's test "can this partial
 * composition still be completed". Two sides:
 * - Enough: an institution that may take k more credentials brings at most its k largest
 *   remaining ones, to the ECTS total and to each requirement, and no more than its remaining ECTS
 *   allowance; the minimums must be within reach of that.
 * - Not too much: what the minimums still ask for must fit under the ECTS maximum. A short count of
 *   k costs at least the k smallest remaining items that can make it up, and a short ECTS amount at
 *   least itself and at least the smallest such item. Requirements joined by credentials that may
 *   serve several are priced together (each credential goes to one requirement, SPEC §5.4), and
 *   such groups, sharing nothing, add up.
 * Sums over all the remaining items, or the smallest item of an institution as it was at the
 * start, miss both; at a thousand offerings that let the depth-first search wander through
 * millions of partial compositions that no completion could rescue before it listed one.
 *
 * The test stays optimistic where it must be cheap: within a dimension an item counts for every
 * requirement of it, and institutions are capped one by one, not against the ECTS maximum together.
 */

/**
 * What is measured: dimension 0 is the ECTS total; then one per requirement; then one per group of
 * requirements joined by shared credentials, where an item counts if it serves any of them.
 */
interface Dim {
  /** Requirement positions (in p.spec.reqs) an item must serve one of; none for the total. */
  readonly reqs: readonly number[];
  readonly minUnits: number;
  readonly minCount: number;
}

/** Remaining items of one institution, per dimension. */
interface Remaining {
  /** Units of the remaining items, largest first, at most the institution's maximum count of them. */
  readonly largest: readonly (readonly number[])[];
  /** Units of the remaining items, smallest first, as many as the dimension's minimum count (at least one). */
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

/** What the taken items bring per dimension (units and count), kept by the caller with `change`. */
export interface Progress {
  readonly units: number[];
  readonly count: number[];
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

const servesAny = (serves: readonly number[], reqs: readonly number[]): boolean => serves.some((r) => reqs.includes(r));

/** Requirements joined by shared credentials: their own dimensions, and the group's (the same for a group of one). */
interface Group {
  readonly own: readonly number[];
  readonly joint: number;
}

/** The total, each requirement, and each group of two or more requirements joined by shared credentials. */
const dimensionsOf = (p: Problem): { dims: Dim[]; groups: Group[] } => {
  const R = p.spec.reqs.length;
  const dims: Dim[] = [{ reqs: [], minUnits: 0, minCount: 0 }];
  p.spec.reqs.forEach((r, pos) => {
    dims.push({ reqs: [pos], minUnits: r.minUnits, minCount: r.minCount });
  });
  // Without links (too many requirements to hold in a mask) each requirement is a group of its own.
  const links = requirementLinks(p);
  const members = (mask: number) => Array.from({ length: R }, (_, r) => r).filter((r) => (mask >> r) & 1);
  const positions = links?.groups().map(members) ?? p.spec.reqs.map((_, r) => [r]);
  const groups: Group[] = [];
  for (const reqs of positions) {
    const own = reqs.map((r) => 1 + r);
    if (own.length === 1) {
      groups.push({ own, joint: own[0] ?? 0 });
      continue;
    }
    const sum = (f: (r: { minUnits: number; minCount: number }) => number) =>
      reqs.reduce((s, r) => s + f(p.spec.reqs[r] ?? { minUnits: 0, minCount: 0 }), 0);
    groups.push({ own, joint: dims.length });
    dims.push({ reqs, minUnits: sum((r) => r.minUnits), minCount: sum((r) => r.minCount) });
  }
  return { dims, groups };
};

export class SuffixReach {
  /** remaining[j][b]: institution b's items among order[j..]; positions share what did not change. */
  private readonly remaining: (readonly Remaining[])[];
  private readonly dims: readonly Dim[];
  /** The requirement groups: they share no credential. */
  private readonly groups: readonly Group[];

  constructor(
    private readonly p: Problem,
    order: readonly number[],
  ) {
    ({ dims: this.dims, groups: this.groups } = dimensionsOf(p));
    const D = this.dims.length;
    const none: Remaining = {
      largest: Array.from({ length: D }, () => []),
      smallest: Array.from({ length: D }, () => []),
      units: new Array<number>(D).fill(0),
      count: new Array<number>(D).fill(0),
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
      const serves = this.dims.map((_, d) => d === 0 || servesAny(it.serves, this.dims[d]?.reqs ?? []));
      // The institution's own minimum count on the total; each requirement dimension's on itself.
      const small = this.dims.map((dim, d) => (d === 0 ? (block?.minCount ?? 0) : Math.max(1, dim.minCount)));
      const now: Remaining = {
        largest: was.largest.map((xs, d) =>
          serves[d] && keep > 0 ? inserted(xs, it.units, keep, (a, b) => a > b) : xs,
        ),
        smallest: was.smallest.map((xs, d) =>
          serves[d] && (small[d] ?? 0) > 0 ? inserted(xs, it.units, small[d] ?? 0, (a, b) => a < b) : xs,
        ),
        units: was.units.map((u, d) => (serves[d] ? u + it.units : u)),
        count: was.count.map((c, d) => (serves[d] ? c + 1 : c)),
      };
      const row = [...after];
      row[it.block] = now;
      this.remaining[j] = row;
    }
  }

  /** Nothing taken yet: zero in every dimension, to follow with `change`. */
  progress(): Progress {
    return { units: this.dims.map(() => 0), count: this.dims.map(() => 0) };
  }

  /** Item i taken (d = 1) or given back (d = −1). */
  change(progress: Progress, i: number, d: 1 | -1): void {
    const it = this.p.items[i];
    if (!it) return;
    this.dims.forEach((dim, k) => {
      if (k !== 0 && !servesAny(it.serves, dim.reqs)) return;
      progress.units[k] = (progress.units[k] ?? 0) + d * it.units;
      progress.count[k] = (progress.count[k] ?? 0) + d;
    });
  }

  /** Whether items order[j..], added to `taken` and `progress`, can still meet every minimum. */
  canMeetMinimums(j: number, taken: Taken, progress: Progress): boolean {
    const { p, dims } = this;
    const D = dims.length;
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
    return dims.every(
      (dim, d) =>
        d === 0 ||
        ((progress.count[d] ?? 0) + (count[d] ?? 0) >= dim.minCount &&
          (progress.units[d] ?? 0) + (units[d] ?? 0) >= dim.minUnits),
    );
  }

  /**
   * Whether what `taken` still owes fits under the ECTS maximum: the units it must still gain are
   * at least the shortfall to the minimum total, the sum of the institutions' own shortfalls, and
   * the sum of the requirement groups' shortfalls, each priced by the smallest items left.
   */
  canFitMinimums(j: number, taken: Taken, progress: Progress): boolean {
    const { p, dims } = this;
    const rows = this.remaining[j] ?? [];
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
    // What dimension d still asks for, priced by its smallest remaining items.
    const owed = (d: number): number => {
      const dim = dims[d];
      if (!dim) return 0;
      const unitsShort = dim.minUnits - (progress.units[d] ?? 0);
      const missing = dim.minCount - (progress.count[d] ?? 0);
      if (unitsShort <= 0 && missing <= 0) return 0;
      // Each institution keeps its own smallest items of the dimension, as many as its minimum count.
      const smallest = rows.flatMap((rest) => rest.smallest[d] ?? []).sort((x, y) => x - y);
      return Math.max(
        unitsShort > 0 ? Math.max(unitsShort, leastOf(smallest, 1)) : 0,
        missing > 0 ? leastOf(smallest, missing) : 0,
      );
    };
    // Per group, two lower bounds: its requirements each on their own (each counting what it may
    // share, so a shortfall is never overstated) added up, and the group as a whole.
    let reqs = 0;
    for (const group of this.groups) {
      const each = group.own.reduce((sum, d) => sum + owed(d), 0);
      reqs += group.own.length > 1 ? Math.max(each, owed(group.joint)) : each;
    }
    return taken.units + Math.max(p.lo - taken.units, blocks, reqs) <= p.hi;
  }
}
