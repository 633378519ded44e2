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

  /** A mark on this budget's clock, for `paceOverruns`. */
  mark(): number {
    return this.now();
  }

  /**
   * Whether a loop begun at `since` (a `mark`), `done` of its `total` passes through, would at its
   * pace so far still be running when the budget ends, with room to spare for a pace that picks up
   * (a margin of 2, and no verdict before 5 ms). A loop that cannot finish is better stopped at
   * once than at the deadline: what comes after it gets the time.
   */
  paceOverruns(since: number, done: number, total: number): boolean {
    const elapsed = this.now() - since;
    if (elapsed < PACE_SAMPLE_MS || done <= 0) return false;
    return (elapsed * (total - done)) / done > PACE_MARGIN * this.remainingMs();
  }
}

/** How long a loop runs before its pace is judged, and how much slower than its budget it may look. */
const PACE_SAMPLE_MS = 5;
const PACE_MARGIN = 2;
