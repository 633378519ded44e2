import type { Institution } from '../schemas/institution.js';
import type { Rule } from '../schemas/rule.js';
import { QUALITY_ASSURANCE_LABELS, SUPERVISION_LABELS } from './vocabulary.js';

/*
 * The composition rule of SPEC §5 in plain words, for the criteria of an exported programme. The
 * rule's defaults are stated as applied (stackableOnly true, membersOnly true, externalMaxEcts 0),
 * so a reader sees what the engine enforces, not only what was written.
 */

const range = (min: number | undefined, max: number | undefined, unit: string): string | undefined => {
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min} ${unit}` : `${min}–${max} ${unit}`;
  if (min !== undefined) return `at least ${min} ${unit}`;
  if (max !== undefined) return `at most ${max} ${unit}`;
  return undefined;
};

const componentLines = (rule: Rule): string[] => {
  const c = rule.components ?? {};
  const size = range(c.ectsMin, c.ectsMax, 'ECTS');
  return [
    ...(c.eqfMin !== undefined ? [`- at EQF level ${c.eqfMin} or above`] : []),
    ...(size ? [`- of ${size} each`] : []),
    (c.stackableOnly ?? true) ? '- offered as stackable' : '- stackable or stand-alone',
    ...(c.qualityAssurance
      ? [`- quality-assured as: ${c.qualityAssurance.map((q) => QUALITY_ASSURANCE_LABELS[q]).join('; ')}`]
      : []),
    ...(c.minSupervision ? [`- assessed at least ${SUPERVISION_LABELS[c.minSupervision]}`] : []),
    ...(c.maxAgeYears !== undefined ? [`- issued no more than ${c.maxAgeYears} years before the award`] : []),
    ...(c.minScore !== undefined ? [`- achieved with a score of at least ${Math.round(c.minScore * 100)}%`] : []),
    '- of at least 1 ECTS (smaller nano-credentials never stack)',
  ];
};

export const describeRule = (rule: Rule, institutions: Readonly<Record<string, Institution>>): string => {
  const name = (id: string) => institutions[id]?.name ?? id;
  const lines = [
    `Hold counted micro-credentials totalling ${range(rule.ects.min, rule.ects.max, 'ECTS')} for this ${rule.award} at EQF level ${rule.eqfLevel}.`,
    '',
    'A micro-credential counts once, and only if it is:',
    ...componentLines(rule),
    (rule.membersOnly ?? true)
      ? `- from a member institution; external credentials count up to ${rule.externalMaxEcts ?? 0} ECTS`
      : `- from any institution; external credentials count up to ${rule.externalMaxEcts ?? 0} ECTS`,
  ];
  if (rule.institutions?.length) {
    lines.push('', 'Per institution:');
    for (const b of rule.institutions) {
      const parts = [range(b.minCount, b.maxCount, 'credentials'), range(b.minEcts, b.maxEcts, 'ECTS')].filter(Boolean);
      lines.push(`- ${name(b.id)}: ${parts.join(', ') || 'no bound'}`);
    }
  }
  if (rule.minInstitutions !== undefined) lines.push(`From at least ${rule.minInstitutions} institutions.`);
  if (rule.minCountries !== undefined) lines.push(`From at least ${rule.minCountries} countries.`);
  for (const q of rule.requirements ?? []) {
    const from = [
      ...(q.from.credentials ?? []),
      ...(q.from.subjectAreas ?? []).map((a) => `ISCED-F ${a}`),
      ...(q.from.skills ?? []),
    ].join(', ');
    const need = [
      q.minCount !== undefined ? `${q.minCount} credentials` : '',
      q.minEcts !== undefined ? `${q.minEcts} ECTS` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    lines.push(
      `Requirement "${q.title}": ${need || 'credentials'} from ${from}; a credential serves one requirement only.`,
    );
  }
  for (const group of rule.exclusions ?? []) lines.push(`At most one of: ${group.join(', ')}.`);
  for (const p of rule.programmes ?? []) lines.push(`Programme ${p} must also be completed with the same credentials.`);
  lines.push('', 'Stacking creates no automatic entitlement: the awarding institutions decide on the award.');
  return lines.join('\n');
};
