import { SUPERVISION_ORDER } from '../schemas/common.js';
import type { Rule } from '../schemas/rule.js';
import type { EngineContext, Entry, Violation } from './types.js';

/** The rule's defaults, applied where the rule is read (the stored rule carries none). */
export const stackableOnly = (rule: Rule): boolean => rule.components?.stackableOnly ?? true;
export const membersOnly = (rule: Rule): boolean => rule.membersOnly ?? true;
export const externalMaxEcts = (rule: Rule): number => rule.externalMaxEcts ?? 0;

/** Credential ids a rule's `modules` admits, or undefined when the rule lists none (SPEC §5). */
export const admittedModules = (rule: Rule): ReadonlySet<string> | undefined => {
  if (rule.modules === undefined) return undefined;
  let ids = admittedCache.get(rule);
  if (!ids) {
    ids = new Set(rule.modules.map((m) => m.split('@')[0] ?? m));
    admittedCache.set(rule, ids);
  }
  return ids;
};
const admittedCache = new WeakMap<Rule, ReadonlySet<string>>();

export const entryEcts = (e: Entry): number => e.credential?.ects ?? e.external?.ects ?? 0;

/**
 * Calendar date `years` before `asOf` (YYYY-MM-DD): whole years, then the fraction as whole months
 * (0.5 years = 6 months). A 29 February that does not exist in the target year becomes 28 February.
 */
const yearsBefore = (asOf: string, years: number): string => {
  const [y = 0, m = 1, d = 1] = asOf.split('-').map(Number);
  const months = Math.floor(years * 12 + 1e-9);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/**
 * Why one credential cannot count under `rule` on its own (SPEC §5.1), or null when it may count.
 * Set-level limits (exclusions, the external ECTS cap as a total) are the search's job.
 */
export const whyNotCounted = (ctx: EngineContext, rule: Rule, e: Entry, asOf: string | undefined): Violation | null => {
  const c = rule.components ?? {};
  const label = e.credential ? `credential ${e.credential.id}` : `external credential "${e.external?.title ?? e.key}"`;
  const ects = entryEcts(e);
  // SPEC §2: below 1 ECTS a credential is a nano-credential and never stacks.
  if (ects < 1 || e.credential?.nanoCredential === true) {
    return { rule: 'nano', message: `${label} has ${ects} ECTS; below 1 ECTS nothing stacks` };
  }
  const eqf = e.credential?.eqfLevel ?? e.external?.eqfLevel ?? 0;
  if (c.eqfMin !== undefined && eqf < c.eqfMin) {
    return {
      rule: 'components.eqfMin',
      message: `${label} is at EQF ${eqf}; the programme needs EQF ${c.eqfMin} or above`,
    };
  }
  if (c.ectsMin !== undefined && ects < c.ectsMin) {
    return {
      rule: 'components.ectsMin',
      message: `${label} has ${ects} ECTS; each credential needs at least ${c.ectsMin}`,
    };
  }
  if (c.ectsMax !== undefined && ects > c.ectsMax) {
    return {
      rule: 'components.ectsMax',
      message: `${label} has ${ects} ECTS; each credential may have at most ${c.ectsMax}`,
    };
  }
  // An external credential declares no stackability option; the external cap governs it instead.
  if (e.credential && stackableOnly(rule) && e.credential.stackability !== 'stackable') {
    return {
      rule: 'components.stackableOnly',
      message: `${label} is stand-alone, and the programme stacks only stackable credentials`,
    };
  }
  const qa = e.credential?.qualityAssurance ?? e.external?.qualityAssurance;
  if (c.qualityAssurance !== undefined && (qa === undefined || !c.qualityAssurance.includes(qa))) {
    return {
      rule: 'components.qualityAssurance',
      message: `${label} has quality assurance "${qa ?? 'none'}", not one of ${c.qualityAssurance.join(', ')}`,
    };
  }
  if (c.minSupervision !== undefined) {
    const sup = e.credential ? e.credential.supervision : e.external?.supervision;
    if (sup === undefined || SUPERVISION_ORDER.indexOf(sup) < SUPERVISION_ORDER.indexOf(c.minSupervision)) {
      return {
        rule: 'components.minSupervision',
        message: `${label} was assessed "${sup ?? 'without stated supervision'}"; the programme needs "${c.minSupervision}" or stronger`,
      };
    }
  }
  const issued = e.external ? e.external.issuedOn : e.achievement?.issuedOn;
  if (asOf !== undefined && (e.achievement !== undefined || e.external !== undefined)) {
    if (c.maxAgeYears !== undefined && issued !== undefined && issued < yearsBefore(asOf, c.maxAgeYears)) {
      return {
        rule: 'components.maxAgeYears',
        message: `${label} was issued on ${issued}, more than ${c.maxAgeYears} years before ${asOf}`,
      };
    }
    const score = e.external ? e.external.score : e.achievement?.score;
    if (c.minScore !== undefined && (score === undefined || score < c.minScore)) {
      return {
        rule: 'components.minScore',
        message: `${label} has ${score === undefined ? 'no score' : `score ${score}`}; the programme needs at least ${c.minScore}`,
      };
    }
  }
  if (e.external) {
    const cap = externalMaxEcts(rule);
    if (ects > cap) {
      return cap === 0
        ? {
            rule: 'externalMaxEcts',
            message: `${label} is not in the registry, and the programme counts no external credentials`,
          }
        : {
            rule: 'externalMaxEcts',
            message: `${label} has ${ects} ECTS; external credentials count only up to ${cap} ECTS in total`,
          };
    }
  } else if (e.credential && membersOnly(rule) && !ctx.members.includes(e.credential.institutionId)) {
    return {
      rule: 'membersOnly',
      message: `${label} comes from ${e.credential.institutionId}, which is not a member of the alliance`,
    };
  } else if (e.credential && rule.modules !== undefined && !admittedModules(rule)?.has(e.credential.id)) {
    return { rule: 'modules', message: `${label} is not among the modules this version of the programme admits` };
  }
  return null;
};
