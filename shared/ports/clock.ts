/** Time comes in through a port so that use-cases and tests control it. */
export interface Clock {
  /** ISO 8601 instant, e.g. 2026-11-23T09:00:00.000Z */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };
