import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostLevels } from '../../../shared/engine/cost-levels.js';

/*
 * The search skips floors no plan can cost. Skipping a cost
 * some plan has would cut that plan out of the search, so every subset of offerings is checked:
 * its cost must be one the levels keep.
 */

const ENGINE_RUNS = Number(process.env.ENGINE_RUNS ?? 100);

/** An offering's cost as compile.ts sets it: (units·big + 1)·tieScale + its mismatches. */
const offering = (units: number, big: number, tieScale: number, mismatch = 0) => ({
  units,
  cost: (units * big + 1) * tieScale + mismatch,
});

describe('CostLevels', () => {
  it('skips counts no sizes allow and ECTS no offerings sum to', () => {
    const big = 5;
    // Three of 2 ECTS and one of 10: sums 0, 2, 4, 6, 10, 12, 14, 16.
    const items = [2, 2, 2, 10].map((u) => offering(u, big, 1));
    const levels = new CostLevels({ big, tieScale: 1, hi: 16, items });
    expect(levels.atOrAbove(6 * big + 3)).toBe(6 * big + 3); // three offerings of 2
    expect(levels.atOrAbove(6 * big + 4)).toBe(10 * big + 1); // a fourth within 6 ECTS: next is 10 in one
    expect(levels.atOrAbove(7 * big)).toBe(10 * big + 1); // 7, 8 and 9 ECTS: no sum
    expect(levels.atOrAbove(2 * big)).toBe(2 * big + 1); // 2 ECTS need one offering at least
    expect(levels.atOrAbove(16 * big + 5)).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps the cost of every set of offerings, mismatches included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ units: fc.integer({ min: 1, max: 12 }), mismatch: fc.integer({ min: 0, max: 2 }) }), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.boolean(),
        fc.integer({ min: 0, max: 60 }),
        (drawn, preferences, hiCut) => {
          const big = drawn.length + 1;
          // compile.ts: tieScale exceeds every plan's total mismatches when preferences are given.
          const tieScale = preferences ? 2 * 2 * drawn.length + 1 : 1;
          const items = drawn.map((d) => offering(d.units, big, tieScale, preferences ? d.mismatch : 0));
          const hi = Math.max(1, drawn.reduce((s, d) => s + d.units, 0) - hiCut);
          const levels = new CostLevels({ big, tieScale, hi, items });
          for (let mask = 0; mask < 1 << items.length; mask++) {
            const chosen = items.filter((_, i) => (mask >> i) & 1);
            const units = chosen.reduce((s, it) => s + it.units, 0);
            if (units > hi) continue;
            const cost = chosen.reduce((s, it) => s + it.cost, 0);
            expect(levels.atOrAbove(cost)).toBe(cost);
          }
        },
      ),
      { numRuns: ENGINE_RUNS },
    );
  });
});
