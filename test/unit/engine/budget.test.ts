import { describe, expect, it } from 'vitest';
import { Budget } from '../../../shared/engine/budget.js';

/* A loop that cannot end within the budget is stopped at once (count.ts): judged by its pace. */
describe('Budget.paceOverruns', () => {
  /** A budget on a clock the test moves, and a loop begun at time 0. */
  const loopOn = (timeBudgetMs: number) => {
    const clock = { now: 0 };
    const budget = Budget.of({ timeBudgetMs, now: () => clock.now });
    return { clock, budget, since: budget.mark() };
  };

  it('stops a loop whose pace would run past the budget, with room for a pace that picks up', () => {
    const { clock, budget, since } = loopOn(1000);
    clock.now = 10;
    // 10 ms for 1 % of the work: 990 ms more, within twice the 990 ms left.
    expect(budget.paceOverruns(since, 1, 100)).toBe(false);
    // 10 ms for 0.4 %: about 2.5 s more, past twice what is left.
    expect(budget.paceOverruns(since, 4, 1000)).toBe(true);
  });

  it('gives no verdict before it has seen 5 ms of the loop, or before the first pass', () => {
    const { clock, budget, since } = loopOn(100);
    clock.now = 4;
    expect(budget.paceOverruns(since, 1, 1_000_000)).toBe(false);
    clock.now = 6;
    expect(budget.paceOverruns(since, 0, 1_000_000)).toBe(false);
    expect(budget.paceOverruns(since, 1, 1_000_000)).toBe(true);
  });
});
