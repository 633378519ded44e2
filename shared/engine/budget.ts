/** A wall-clock budget shared by one answer's searches; the clock is injected. */
export class Budget {
  aborted = false;
  private ticks = 0;
  constructor(
    private readonly deadline: number,
    private readonly now: () => number,
  ) {}

  static of(opts: { timeBudgetMs?: number; now?: () => number } | undefined): Budget {
    const now = opts?.now ?? (() => performance.now());
    return new Budget(now() + (opts?.timeBudgetMs ?? 2000), now);
  }

  /** True once the budget is spent; reads the clock every 32 calls. */
  spent(): boolean {
    if (!this.aborted && (++this.ticks & 31) === 0 && this.now() > this.deadline) this.aborted = true;
    return this.aborted;
  }

  /** A budget of at most `ms` within this one, for one step that must leave time for the next. */
  share(ms: number): Budget {
    return new Budget(Math.min(this.deadline, this.now() + ms), this.now);
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - this.now());
  }
}
