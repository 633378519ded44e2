import type { Credential } from '../schemas/credential.js';
import type { Requirement, Rule } from '../schemas/rule.js';

/** `{ rule, message }` (SPEC §5): the clause that makes a version unworkable, and why. */
export interface RuleWarning {
  readonly rule: string;
  readonly message: string;
}

export interface AllianceFacts {
  readonly members: readonly string[];
  /** Country of each member institution. */
  readonly countryOf: ReadonlyMap<string, string>;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Reasons a rule can never be satisfied, found without a catalogue. Such a rule is accepted (the
 * partners may be mid-negotiation) but the answer says so rather than staying silent.
 */
export const ruleWarnings = (rule: Rule, alliance: AllianceFacts): RuleWarning[] => {
  const warnings: RuleWarning[] = [];
  const warn = (clause: string, message: string) => warnings.push({ rule: clause, message });
  const bounds = rule.institutions ?? [];
  const membersOnly = rule.membersOnly ?? true;
  // SPEC §2: below 1 ECTS nothing stacks, so every counted credential brings at least this much.
  const smallestCredit = Math.max(1, rule.components?.ectsMin ?? 1);

  // SPEC §2 (LUH model): micro-degrees are 10–60 CP; SPEC §1: a joint master is (at least) 60 CP.
  if (rule.award === 'micro-degree' && (rule.ects.min < 10 || rule.ects.max > 60)) {
    warn('ects', `a micro-degree is 10–60 ECTS (LUH model); this rule allows ${rule.ects.min}–${rule.ects.max} ECTS`);
  }
  if (rule.award === 'joint-master' && rule.ects.min < 60) {
    warn('ects', `a joint master is at least 60 ECTS; this rule allows one of ${rule.ects.min} ECTS`);
  }
  const minEcts = sum(bounds.map((b) => Math.max(b.minEcts ?? 0, (b.minCount ?? 0) * smallestCredit)));
  if (minEcts > rule.ects.max) {
    warn(
      'institutions',
      `the per-institution minimums need at least ${minEcts} ECTS, more than ects.max ${rule.ects.max}`,
    );
  }
  const requirementEcts = sum(
    (rule.requirements ?? []).map((q) => Math.max(q.minEcts ?? 0, (q.minCount ?? 0) * smallestCredit)),
  );
  if (requirementEcts > rule.ects.max) {
    warn('requirements', `the requirements need at least ${requirementEcts} ECTS, more than ects.max ${rule.ects.max}`);
  }
  if (rule.components?.ectsMin !== undefined && rule.components.ectsMin > rule.ects.max) {
    warn(
      'components.ectsMin',
      `no credential of at least ${rule.components.ectsMin} ECTS fits within ects.max ${rule.ects.max}`,
    );
  }
  for (const b of bounds) {
    const cap = rule.components?.ectsMax;
    if (b.maxCount !== undefined && cap !== undefined && (b.minEcts ?? 0) > b.maxCount * cap) {
      warn(
        `institutions.${b.id}.minEcts`,
        `${b.id} cannot reach minEcts ${b.minEcts} with at most ${b.maxCount} credentials of at most ${cap} ECTS`,
      );
    }
    if (b.minCount !== undefined && b.minCount > 0 && membersOnly && !alliance.members.includes(b.id)) {
      warn(`institutions.${b.id}`, `${b.id} is not a member, so none of its credentials count while membersOnly holds`);
    }
  }
  if (membersOnly) {
    const capped = alliance.members.map((m) => bounds.find((b) => b.id === m)?.maxEcts);
    if (capped.every((c) => c !== undefined)) {
      const reachable = sum(capped.map((c) => c ?? 0)) + (rule.externalMaxEcts ?? 0);
      if (reachable < rule.ects.min) {
        warn(
          'institutions',
          `the members' maxEcts and externalMaxEcts allow at most ${reachable} ECTS, less than ects.min ${rule.ects.min}`,
        );
      }
    }
    if ((rule.minInstitutions ?? 0) > alliance.members.length) {
      warn(
        'minInstitutions',
        `minInstitutions ${rule.minInstitutions} exceeds the ${alliance.members.length} member institutions`,
      );
    }
    const countries = new Set(alliance.members.map((m) => alliance.countryOf.get(m)).filter(Boolean)).size;
    // External credentials may add countries when the rule allows them.
    if ((rule.minCountries ?? 0) > countries && (rule.externalMaxEcts ?? 0) === 0) {
      warn('minCountries', `minCountries ${rule.minCountries} exceeds the ${countries} countries of the members`);
    }
  }
  return warnings;
};

/** SPEC §5.4: what a requirement's `from` accepts (an ISCED code names its field and all below it). */
export const meetsRequirement = (q: Requirement, c: Credential): boolean =>
  (q.from.credentials?.includes(c.id) ?? false) ||
  (c.subjectArea !== undefined && (q.from.subjectAreas?.some((code) => c.subjectArea?.startsWith(code)) ?? false)) ||
  (q.from.skills?.some((s) => c.skills?.includes(s)) ?? false);

/**
 * SPEC §5: requirements and institution bounds that the listed modules, as offered, cannot meet
 * even taken all together. `counting` are the offered modules that count under the rule on their own.
 */
export const moduleWarnings = (rule: Rule, counting: readonly Credential[]): RuleWarning[] => {
  const warnings: RuleWarning[] = [];
  const short = (pool: readonly Credential[], minCount = 0, minEcts = 0): string | undefined => {
    const ects = sum(pool.map((c) => c.ects));
    if (pool.length >= minCount && ects >= minEcts) return undefined;
    return `the listed modules that can count offer ${plural(pool.length, 'credential')} of ${ects} ECTS`;
  };
  for (const q of rule.requirements ?? []) {
    const gap = short(
      counting.filter((c) => meetsRequirement(q, c)),
      q.minCount,
      q.minEcts,
    );
    if (gap) {
      const needs = [q.minCount ? plural(q.minCount, 'credential') : '', q.minEcts ? `${q.minEcts} ECTS` : '']
        .filter(Boolean)
        .join(' and ');
      warnings.push({
        rule: `requirements.${q.id}`,
        message: `requirement "${q.title}" needs ${needs}, but ${gap} for it`,
      });
    }
  }
  for (const b of rule.institutions ?? []) {
    const gap = short(
      counting.filter((c) => c.institutionId === b.id),
      b.minCount,
      b.minEcts,
    );
    if (gap) {
      const needs = [b.minCount ? plural(b.minCount, 'credential') : '', b.minEcts ? `${b.minEcts} ECTS` : '']
        .filter(Boolean)
        .join(' and ');
      warnings.push({
        rule: `institutions.${b.id}`,
        message: `${b.id} must contribute ${needs}, but ${gap} from ${b.id}`,
      });
    }
  }
  return warnings;
};
