import type { FieldIssue } from './errors.js';
import type { Rule } from '../schemas/rule.js';

export interface AllianceFacts {
  readonly members: readonly string[];
  /** Country of each member institution. */
  readonly countryOf: ReadonlyMap<string, string>;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Reasons a rule can never be satisfied, found without a catalogue. Such a rule is accepted (the
 * partners may be mid-negotiation) but the answer says so rather than staying silent.
 */
export const ruleWarnings = (rule: Rule, alliance: AllianceFacts): FieldIssue[] => {
  const warnings: FieldIssue[] = [];
  const warn = (path: string, message: string) => warnings.push({ path, message });
  const bounds = rule.institutions ?? [];
  const membersOnly = rule.membersOnly ?? true;
  // SPEC §2: below 1 ECTS nothing stacks, so every counted credential brings at least this much.
  const smallestCredit = Math.max(1, rule.components?.ectsMin ?? 1);

  const minEcts = sum(bounds.map((b) => Math.max(b.minEcts ?? 0, (b.minCount ?? 0) * smallestCredit)));
  if (minEcts > rule.ects.max) {
    warn('institutions', `the per-institution minimums need at least ${minEcts} ECTS, more than ects.max ${rule.ects.max}`);
  }
  const requirementEcts = sum((rule.requirements ?? []).map((q) => Math.max(q.minEcts ?? 0, (q.minCount ?? 0) * smallestCredit)));
  if (requirementEcts > rule.ects.max) {
    warn('requirements', `the requirements need at least ${requirementEcts} ECTS, more than ects.max ${rule.ects.max}`);
  }
  if (rule.components?.ectsMin !== undefined && rule.components.ectsMin > rule.ects.max) {
    warn('components.ectsMin', `no credential of at least ${rule.components.ectsMin} ECTS fits within ects.max ${rule.ects.max}`);
  }
  bounds.forEach((b, i) => {
    const cap = rule.components?.ectsMax;
    if (b.maxCount !== undefined && cap !== undefined && (b.minEcts ?? 0) > b.maxCount * cap) {
      warn(`institutions.${i}`, `${b.id} cannot reach minEcts ${b.minEcts} with at most ${b.maxCount} credentials of at most ${cap} ECTS`);
    }
    if (b.minCount !== undefined && b.minCount > 0 && membersOnly && !alliance.members.includes(b.id)) {
      warn(`institutions.${i}.id`, `${b.id} is not a member, so none of its credentials count while membersOnly holds`);
    }
  });
  if (membersOnly) {
    const capped = alliance.members.map((m) => bounds.find((b) => b.id === m)?.maxEcts);
    if (capped.every((c) => c !== undefined)) {
      const reachable = sum(capped.map((c) => c ?? 0)) + (rule.externalMaxEcts ?? 0);
      if (reachable < rule.ects.min) {
        warn('institutions', `the members' maxEcts and externalMaxEcts allow at most ${reachable} ECTS, less than ects.min ${rule.ects.min}`);
      }
    }
    if ((rule.minInstitutions ?? 0) > alliance.members.length) {
      warn('minInstitutions', `minInstitutions ${rule.minInstitutions} exceeds the ${alliance.members.length} member institutions`);
    }
    const countries = new Set(alliance.members.map((m) => alliance.countryOf.get(m)).filter(Boolean)).size;
    // External credentials may add countries when the rule allows them.
    if ((rule.minCountries ?? 0) > countries && (rule.externalMaxEcts ?? 0) === 0) {
      warn('minCountries', `minCountries ${rule.minCountries} exceeds the ${countries} countries of the members`);
    }
  }
  return warnings;
};
