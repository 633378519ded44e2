import { requirementLinks } from './allocation.js';
import type { Problem } from './compile.js';

/*
 * What the undecided items can still add, exactly in ECTS and institution counts, for the
 * enumeration's test "can this partial composition still be completed". The enumeration decides
 * items institution by institution, so at position j only the current institution's count c and
 * the units t still to add matter: the table holds, for each (j, c, t), whether the items from j on
 * can add exactly t units with every institution's count within its bounds, and then the most each
 * requirement group can still gain.
 *
 * A requirement group is a set Q of requirements joined by credentials that may serve more than
 * one; what serves any of Q must add up to the sum of their minimums (in units, and in credentials
 * where they ask for a number), since each credential goes to one requirement only (SPEC §5.4).
 * These are Hall's conditions of the allocation: necessary, not sufficient. Each group is
 * maximised on its own, and institutions' ECTS bounds, exclusion groups and distinct minimums are
 * left to the caller's cheaper tests: optimistic where exactness would cost the state space the
 * counting DP runs out of. Sums of independent bounds miss what the table catches: an institution
 * that still owes a credential and a requirement that still owes ECTS, with room left for one
 * small credential that does not serve both; two requirements over one subject area that each see
 * the same credentials.
 */

/**
 * Tables above this size are not built: the enumeration then runs on its cheaper tests alone. A
 * two-year programme at 1,000 offerings needs about 10 million cells, one byte each.
 */
const MAX_TABLE_BYTES = 32_000_000;
/** Requirement groups tracked at most: single requirements first, then larger groups. */
const MAX_DIMS = 16;

interface Dim {
  /** Requirement positions (in p.spec.reqs) of the group, as a bit mask. */
  readonly reqs: number;
  readonly kind: 'units' | 'count';
  /** The sum of the group's minimums. */
  readonly cap: number;
}

/** One byte a cell when every group's minimum fits in one, else two. */
type Cells = Int8Array | Int16Array;

const servesAny = (serves: readonly number[], mask: number): boolean => serves.some((r) => (mask >> r) & 1);

/** Groups of requirements joined by shared credentials (each on its own, and every connected union), smallest first. */
const requirementDims = (p: Problem): Dim[] | null => {
  const R = p.spec.reqs.length;
  const links = requirementLinks(p);
  if (R > 12 || !links) return null;
  const size = (m: number) => m.toString(2).replace(/0/g, '').length;
  const all = (1 << R) - 1;
  // Single requirements, all of them together (what the rest must add for all at once), then the
  // groups joined by shared credentials, smallest first.
  const masks = [...Array.from({ length: R }, (_, r) => 1 << r), ...(R > 1 ? [all] : [])];
  const joinedGroups: number[] = [];
  for (let mask = 1; mask < all; mask++) if (size(mask) > 1 && links.connected(mask)) joinedGroups.push(mask);
  joinedGroups.sort((a, b) => size(a) - size(b) || a - b);
  masks.push(...joinedGroups);
  const dims = masks.flatMap((reqs): Dim[] => {
    const sum = (f: (r: { minUnits: number; minCount: number }) => number) =>
      p.spec.reqs.reduce((s, r, pos) => ((reqs >> pos) & 1 ? s + f(r) : s), 0);
    const units = sum((r) => r.minUnits);
    const count = sum((r) => r.minCount);
    return [
      ...(units > 0 ? [{ reqs, kind: 'units' as const, cap: units }] : []),
      ...(count > 0 ? [{ reqs, kind: 'count' as const, cap: count }] : []),
    ];
  });
  return dims.slice(0, MAX_DIMS);
};

export class CompletionTable {
  private constructor(
    private readonly p: Problem,
    private readonly dims: readonly Dim[],
    /** tables[j]: cells ((c·(hi+1) + t)·D + d); d 0 is 0 when reachable, −1 when not. */
    private readonly tables: readonly Cells[],
    /** Per block: the highest count index (counts above an unbounded block's minimum are alike). */
    private readonly countCap: readonly number[],
    private readonly blockAt: readonly number[],
  ) {}

  /**
   * The table for `order` (items grouped by institution, each institution's items together), or
   * null when they are not grouped or the table would be too large.
   */
  static build(p: Problem, order: readonly number[]): CompletionTable | null {
    const H = p.hi;
    if (!Number.isFinite(H) || H < 0) return null;
    const dims = requirementDims(p);
    if (!dims) return null;
    const D = dims.length + 1;
    if (dims.some((d) => d.cap > 32_000)) return null;
    const wide = dims.some((d) => d.cap > 127);
    const cellsOf = (n: number): Cells => (wide ? new Int16Array(n) : new Int8Array(n));
    const unbounded = (b: number) => {
      const block = p.blocks[b];
      return !block || block.maxCount >= block.items.length;
    };
    const countCap = p.blocks.map((block, b) => (unbounded(b) ? block.minCount : block.maxCount));
    const blockAt = order.map((i) => p.items[i]?.block ?? -1);
    // Each institution's items must be one run of the order.
    const seen = new Set<number>();
    for (let j = 0; j < blockAt.length; j++) {
      const b = blockAt[j] ?? -1;
      if (j > 0 && blockAt[j - 1] === b) continue;
      if (seen.has(b)) return null;
      seen.add(b);
    }
    const cells = order.reduce((s, i) => s + ((countCap[p.items[i]?.block ?? 0] ?? 0) + 1) * (H + 1) * D, 0);
    if (cells * (wide ? 2 : 1) > MAX_TABLE_BYTES) return null;

    const W = (H + 1) * D;
    // After the last institution: nothing more to add.
    let entry = cellsOf(W).fill(-1);
    entry.fill(0, 0, D);
    // Institutions the order never reaches (no items) still need their minimum count met: none can be.
    const unreached = p.blocks.some((block, b) => !seen.has(b) && block.minCount > 0);
    if (unreached) entry.fill(-1);
    const tables: Cells[] = new Array(order.length);
    let j = order.length - 1;
    while (j >= 0) {
      const b = blockAt[j] ?? -1;
      const block = p.blocks[b];
      if (!block) return null;
      const C = countCap[b] ?? 0;
      // After the institution's last item: its count must have reached its minimum.
      let after = cellsOf((C + 1) * W).fill(-1);
      for (let c = block.minCount; c <= C; c++) after.set(entry, c * W);
      for (; j >= 0 && blockAt[j] === b; j--) {
        const it = p.items[order[j] ?? -1];
        if (!it) return null;
        const gain = dims.map((d) => (servesAny(it.serves, d.reqs) ? (d.kind === 'units' ? it.units : 1) : 0));
        const now = after.slice();
        for (let c = 0; c <= C; c++) {
          const c2 = unbounded(b) ? Math.min(c + 1, C) : c + 1;
          if (c2 > C) continue;
          for (let t = it.units; t <= H; t++) {
            const from = c2 * W + (t - it.units) * D;
            if ((after[from] ?? -1) < 0) continue;
            const to = c * W + t * D;
            // Taking item j or leaving it: reachable if either is, each requirement's best of the two.
            const leaveReaches = (now[to] ?? -1) >= 0;
            now[to] = 0;
            for (let d = 1; d < D; d++) {
              const v = Math.min(dims[d - 1]?.cap ?? 0, (after[from + d] ?? 0) + (gain[d - 1] ?? 0));
              if (!leaveReaches || v > (now[to + d] ?? 0)) now[to + d] = v;
            }
          }
        }
        tables[j] = now;
        after = now;
      }
      entry = after.slice(0, W);
    }
    return new CompletionTable(p, dims, tables, countCap, blockAt);
  }

  /** What a partial composition has gained per requirement group: zero, to follow with `change`. */
  progress(): number[] {
    return this.dims.map(() => 0);
  }

  /** Item i taken (d = 1) or given back (d = −1): its gain per requirement group. */
  change(progress: number[], i: number, d: 1 | -1): void {
    const it = this.p.items[i];
    if (!it) return;
    this.dims.forEach((dim, k) => {
      if (servesAny(it.serves, dim.reqs)) progress[k] = (progress[k] ?? 0) + d * (dim.kind === 'units' ? it.units : 1);
    });
  }

  /**
   * Whether the items from position j on can complete a partial composition of `units` in all,
   * `count` in the institution of position j, and `progress` per requirement group.
   */
  canComplete(j: number, units: number, count: number, progress: readonly number[]): boolean {
    const table = this.tables[j];
    if (!table) return true;
    const { p, dims } = this;
    const D = dims.length + 1;
    const H = p.hi;
    const c = Math.min(count, this.countCap[this.blockAt[j] ?? 0] ?? 0);
    for (let t = Math.max(0, p.lo - units); t <= H - units; t++) {
      const at = (c * (H + 1) + t) * D;
      if ((table[at] ?? -1) < 0) continue;
      let ok = true;
      for (let d = 1; d < D && ok; d++) ok = (progress[d - 1] ?? 0) + (table[at + d] ?? 0) >= (dims[d - 1]?.cap ?? 0);
      if (ok) return true;
    }
    return false;
  }
}
