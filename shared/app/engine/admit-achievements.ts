import type { Held } from '../../engine/index.js';
import type { Rule } from '../../schemas/rule.js';

/** An achievement left out before the engine sees it, and why. */
export interface NotCounted {
  readonly key: string;
  readonly message: string;
}

export interface Admission {
  /** The day the answer is about (SPEC §5.1). */
  readonly asOf: string;
  readonly rule: Rule;
  /** Keys of external achievements read from a document that states no EQF level. */
  readonly levelUnstated: ReadonlySet<string>;
}

const issuedOn = (held: Held): string => (held.kind === 'registry' ? held.issuedOn : held.external.issuedOn);

/** Why an achievement cannot count whatever the engine decides, or undefined when it may. */
const reasonToSetAside = (held: Held, { asOf, rule, levelUnstated }: Admission): string | undefined => {
  // SPEC §5.1: issued on or before asOf. Dates are YYYY-MM-DD, so string order is date order.
  if (issuedOn(held) > asOf) return `issued on ${issuedOn(held)}, after asOf ${asOf}: it does not count`;
  // A document that states no level carries a placeholder level (shared/interop/import.ts); it must
  // not be judged, nor reported, as if it stated that level.
  const eqfMin = rule.components?.eqfMin;
  if (levelUnstated.has(held.key) && eqfMin !== undefined) {
    return `the document states no EQF level, and the programme needs EQF ${eqfMin} or above: it does not count`;
  }
  return undefined;
};

/**
 * Applied where a request's achievements are resolved, before the engine sees them: what cannot
 * count is set aside and reported, so an answer "as of" a date never rests on a credential issued
 * later, and nothing is reported at a level its document never stated.
 */
export const admitAchievements = (
  held: readonly Held[],
  admission: Admission,
): { held: Held[]; notCounted: NotCounted[] } => {
  const notCounted: NotCounted[] = [];
  const admitted = held.filter((h) => {
    const message = reasonToSetAside(h, admission);
    if (message !== undefined) notCounted.push({ key: h.key, message });
    return message === undefined;
  });
  return { held: admitted, notCounted };
};
