export interface FrontOptions {
  /** The most states a front keeps: a front kept short (a quick first try, see search.ts) takes no more once full. */
  readonly limit?: number;
  /** The caller has already found that nothing in the front dominates `s`. */
  readonly undominated?: boolean;
  /** Called when a full front turns a state away: what is kept is then no longer every undominated state. */
  readonly onFull?: () => void;
}

/**
 * Adds `s` to the front kept under `key`, keeping only states no other dominates: `s` is dropped if
 * one there dominates it, and those it dominates leave. Used wherever the engine merges states by
 * dominance (bundles.ts within an institution, combine-layers.ts across institutions).
 */
export const putNonDominated = <K, S>(
  fronts: Map<K, S[]>,
  key: K,
  s: S,
  dominates: (t: S, s: S) => boolean,
  how: FrontOptions = {},
): void => {
  const { limit = Number.POSITIVE_INFINITY, undominated = false, onFull } = how;
  const front = fronts.get(key);
  if (!front) {
    fronts.set(key, [s]);
    return;
  }
  if (!undominated) for (const t of front) if (dominates(t, s)) return;
  let w = 0;
  for (const t of front) if (!dominates(s, t)) front[w++] = t;
  front.length = w;
  if (w < limit) front.push(s);
  else onFull?.();
};
