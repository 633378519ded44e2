import { describe, expect, it } from 'vitest';
import { Budget } from '../../../shared/engine/budget.js';

/* A loop that cannot end within the budget is stopped at once (count.ts): judged by its pace. */
describe('Budget.paceOverruns', () => {
  const clockAt = (t: { now: number }) => () => t.now;

  it('stops a loop whose pace would run past the budget, with room for a pace that picks up', () => {
    const t = { now: 0 };
    const budget = Budget.of({ timeBudgetMs: 1000, now: clockAt(t) });
    const since = budget.mark();
    t.now = 10;
    // 10 ms for 1 % of the work: 990 ms more, within twice the 990 ms left.
    expect(budget.paceOverruns(since, 1, 100)).toBe(false);
    // 10 ms for 0.4 %: about 2.5 s more, past twice what is left.
    expect(budget.paceOverruns(since, 4, 1000)).toBe(true);
  });

  it('gives no verdict before it has seen 5 ms of the loop, or before the first pass', () => {
    const t = { now: 0 };
    const budget = Budget.of({ timeBudgetMs: 100, now: clockAt(t) });
    const since = budget.mark();
    t.now = 4;
    expect(budget.paceOverruns(since, 1, 1_000_000)).toBe(false);
    t.now = 6;
    expect(budget.paceOverruns(since, 0, 1_000_000)).toBe(false);
    expect(budget.paceOverruns(since, 1, 1_000_000)).toBe(true);
  });
});
