/** A small seeded PRNG (mulberry32): instances are reproducible from their seed. */
export const prng = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    // `as T`: the index is within bounds by construction.
    pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T,
    chance: (p: number) => next() < p,
  };
};
