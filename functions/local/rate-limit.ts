/*
 * Local stand-in for API Gateway's throttling: one token bucket per subject (the verified token's
 * `sub`, else the client IP). Each bucket holds up to `burst` tokens and refills at `rps` tokens a
 * second; a request takes one token or is answered 429 RATE_LIMITED with Retry-After. Off unless
 * configured (RATE_LIMIT_RPS, RATE_LIMIT_BURST), so tests and the load test measure the registry,
 * not the limiter.
 */
export interface RateLimitOptions {
  /** Sustained requests per second per subject. */
  readonly rps: number;
  /** Requests a subject may send at once after being idle. */
  readonly burst: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface RateLimiter {
  take(subject: string): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before idle (full) ones are dropped, so a stream of new IPs cannot grow memory without bound. */
const PRUNE_ABOVE = 10_000;

export const createRateLimiter = (
  options: RateLimitOptions,
  now: () => number = () => performance.now(),
): RateLimiter => {
  const buckets = new Map<string, Bucket>();
  const refill = (bucket: Bucket, t: number) => {
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((t - bucket.at) / 1000) * options.rps);
    bucket.at = t;
  };
  const prune = (t: number) => {
    for (const [subject, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= options.burst) buckets.delete(subject);
    }
  };
  return {
    take: (subject) => {
      const t = now();
      let bucket = buckets.get(subject);
      if (!bucket) {
        if (buckets.size >= PRUNE_ABOVE) prune(t);
        bucket = { tokens: options.burst, at: t };
        buckets.set(subject, bucket);
      }
      refill(bucket, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / options.rps)) };
    },
  };
};

/** RATE_LIMIT_RPS (and optionally RATE_LIMIT_BURST, default 2 × rps); undefined when unset: no limit. */
export const rateLimitFromEnv = (env: NodeJS.ProcessEnv): RateLimitOptions | undefined => {
  if (!env.RATE_LIMIT_RPS) return undefined;
  const rps = Number(env.RATE_LIMIT_RPS);
  const burst = env.RATE_LIMIT_BURST ? Number(env.RATE_LIMIT_BURST) : Math.ceil(rps * 2);
  if (!(rps > 0) || !Number.isFinite(rps) || !(burst >= 1) || !Number.isFinite(burst)) {
    throw new Error(
      `RATE_LIMIT_RPS must be a positive number and RATE_LIMIT_BURST at least 1 (got ${env.RATE_LIMIT_RPS}, ${env.RATE_LIMIT_BURST ?? '-'})`,
    );
  }
  return { rps, burst };
};
