import { describe, expect, it } from 'vitest';
import { checkEligibility } from '../../../shared/engine/index.js';
import { benchInstance } from '../../bench/instances.js';
import { loadHighs, solvePlan } from '../../bench/highs-plan.js';

describe('engine against HiGHS on large instances', () => {
  it('finds the same optimal plan as the MIP on 100 to 300 offerings', async () => {
    const highs = await loadHighs();
    for (const [size, seed] of [
      [100, 1],
      [150, 2],
      [200, 3],
      [300, 4],
      [120, 5],
      [250, 6],
    ] as const) {
      const { ctx, held, asOf } = benchInstance(size, seed);
      const answer = checkEligibility(ctx, held, asOf, { timeBudgetMs: 20_000 });
      const mip = solvePlan(highs, ctx, held);
      expect(answer.status, `${size}/${seed}`).toBe(mip === null ? 'infeasible' : 'optimal');
      const mine = answer.plan ? Math.round(answer.plan.additionalEcts * 1000) + answer.plan.add.length : null;
      expect(mine, `${size}/${seed}`).toBe(mip);
    }
  });
});
