import { invalid } from '../domain/errors.js';
import type { ExternalCredential } from '../schemas/achievement.js';
import { IsoDate, SUPERVISION_ORDER, type QualityAssurance } from '../schemas/common.js';
import type { Credential } from '../schemas/credential.js';
import type { Institution } from '../schemas/institution.js';
import type { Rule } from '../schemas/rule.js';
import { countryAlpha3 } from './iso-codes.js';
import { ELEMENT_LABELS, type IssuedElement } from './standard-elements.js';
import { QUALITY_ASSURANCE_LABELS, SUPERVISION_LABELS } from './vocabulary.js';

/*
 * POST /interoperability (SPEC §4, §5): can a credential be recognised by a programme or an
 * institution, and by which route? Policy (docs/interoperability.md):
 * - `blocking` checks: a mandatory EU element missing or malformed, less than 1 ECTS, a level below
 *   the target's component minimum (`components.eqfMin`). Any failure → compatible "no".
 * - `condition` checks: everything else (hours per ECTS, QA type, qaResponsible, supervision, age,
 *   membership/external allowance, size, stackability, level below the programme's own level when
 *   the rule sets no minimum). A failure, or the RPL route → "with-conditions"; else "yes".
 * The receiving institution always decides; the answer says so.
 */

export type RecognitionSubject =
  /** `qaInstitution`: the institution responsible for the credential's quality assurance (qaResponsibleOf). */
  | { kind: 'registry'; credential: Credential; qaInstitution: Institution }
  /** `missing`: elements an imported document lacks (importExternalCredential); absent for a typed-in external. */
  | { kind: 'external'; external: ExternalCredential; missing?: readonly string[] };

export type RecognitionTarget =
  | { kind: 'programme'; rule: Rule; members: readonly string[] }
  | { kind: 'institution'; institution: Institution };

/**
 * The institution responsible for a credential's quality assurance (SPEC §2, §5): the one named in
 * `qaResponsible`, else the registering institution.
 */
export const qaInstitutionId = (credential: Pick<Credential, 'institutionId' | 'qaResponsible'>): string =>
  credential.qaResponsible ?? credential.institutionId;

export interface RecognitionCheck {
  element: string;
  ok: boolean;
  /** `blocking`: a failure makes the credential incompatible; `condition`: a failure is a condition to resolve. */
  severity: 'blocking' | 'condition';
  message: string;
}

export interface RecognitionAnswer {
  compatible: 'yes' | 'with-conditions' | 'no';
  recognitionRoute: 'academic-recognition' | 'recognition-of-prior-learning';
  checks: RecognitionCheck[];
  notice: string;
}

const DAY_MS = 86_400_000;

const blocking = (element: string, ok: boolean, message: string): RecognitionCheck => ({
  element,
  ok,
  severity: 'blocking',
  message,
});
const condition = (element: string, ok: boolean, message: string): RecognitionCheck => ({
  element,
  ok,
  severity: 'condition',
  message,
});

/** The subject's elements in one shape; `undefined` means the element is not stated. */
interface Described {
  title?: string;
  countries?: readonly string[];
  awardingBodies?: readonly string[];
  learningOutcomes?: boolean;
  ects?: number;
  workloadHours?: number;
  eqfLevel?: number;
  assessment?: string;
  participation?: string;
  qualityAssurance?: QualityAssurance;
  issuedOn?: string;
  supervision?: Credential['supervision'];
  /** External credentials state no learning outcomes, assessment or participation unless imported. */
  unknownOutsideShape: boolean;
}

const describe = (subject: RecognitionSubject): Described => {
  if (subject.kind === 'registry') {
    const c = subject.credential;
    return {
      title: c.title,
      countries: c.countries,
      awardingBodies: c.awardingBodies,
      learningOutcomes: c.learningOutcomes.length > 0,
      ects: c.ects,
      workloadHours: c.workloadHours,
      eqfLevel: c.eqfLevel,
      assessment: c.assessment,
      participation: c.participation,
      qualityAssurance: c.qualityAssurance,
      supervision: c.supervision,
      unknownOutsideShape: false,
    };
  }
  const e = subject.external;
  const lacks = (element: IssuedElement) => subject.missing?.includes(element) ?? false;
  const imported = subject.missing !== undefined;
  return {
    ...(lacks('title') ? {} : { title: e.title }),
    ...(lacks('country') ? {} : { countries: [e.country] }),
    ...(lacks('awardingBodies') ? {} : { awardingBodies: [e.issuer] }),
    ...(imported && !lacks('learningOutcomes') ? { learningOutcomes: true } : {}),
    ...(lacks('workload') ? {} : { ects: e.ects }),
    workloadHours: e.workloadHours,
    ...(lacks('level') ? {} : { eqfLevel: e.eqfLevel }),
    ...(imported && !lacks('assessment') ? { assessment: 'stated in the imported document' } : {}),
    ...(imported && !lacks('participation') ? { participation: 'stated in the imported document' } : {}),
    ...(lacks('qualityAssurance') ? {} : { qualityAssurance: e.qualityAssurance }),
    ...(lacks('issuedOn') ? {} : { issuedOn: e.issuedOn }),
    supervision: e.supervision,
    unknownOutsideShape: !imported,
  };
};

const present = (element: IssuedElement, value: unknown, detail: string): RecognitionCheck =>
  value === undefined || value === false
    ? blocking(element, false, `the ${ELEMENT_LABELS[element]} is not stated`)
    : blocking(element, true, detail);

/** Elements the SPEC §3 external shape has no field for: unknown for a typed-in external credential. */
const outsideShape = (
  d: Described,
  element: 'learningOutcomes' | 'assessment' | 'participation',
  value: unknown,
  detail: string,
) =>
  d.unknownOutsideShape
    ? condition(
        element,
        false,
        `the ${ELEMENT_LABELS[element]} cannot be stated in an external achievement: check the original credential`,
      )
    : present(element, value, detail);

const mandatoryChecks = (d: Described, subject: RecognitionSubject): RecognitionCheck[] => [
  present('title', d.title?.trim() || undefined, `"${d.title}"`),
  d.countries === undefined || d.countries.length === 0
    ? blocking('country', false, `the ${ELEMENT_LABELS.country} is not stated`)
    : blocking(
        'country',
        d.countries.every((c) => countryAlpha3(c) !== undefined),
        `issued in ${d.countries.join(', ')}`,
      ),
  present(
    'awardingBodies',
    d.awardingBodies?.length ? d.awardingBodies : undefined,
    `awarded by ${d.awardingBodies?.join(', ')}`,
  ),
  outsideShape(d, 'learningOutcomes', d.learningOutcomes, 'learning outcomes are stated'),
  d.ects === undefined
    ? blocking('workload', false, `the ${ELEMENT_LABELS.workload} is not stated`)
    : blocking(
        'workload',
        d.ects >= 1,
        d.ects >= 1
          ? `${d.ects} ECTS`
          : `${d.ects} ECTS is a nano-credential: at least 1 ECTS is needed for recognition, and it never stacks (SPEC §2)`,
      ),
  d.workloadHours === undefined || d.ects === undefined
    ? condition('workloadHours', true, 'no workload in hours stated (1 ECTS = 25–30 hours)')
    : condition(
        'workloadHours',
        d.workloadHours >= 25 * d.ects && d.workloadHours <= 30 * d.ects,
        `${d.workloadHours} hours for ${d.ects} ECTS (${Math.round((d.workloadHours / d.ects) * 10) / 10} hours per ECTS; expected 25–30)`,
      ),
  present('level', d.eqfLevel, `EQF level ${d.eqfLevel}`),
  outsideShape(d, 'assessment', d.assessment, `assessment: ${d.assessment}`),
  outsideShape(d, 'participation', d.participation, `participation: ${d.participation}`),
  present(
    'qualityAssurance',
    d.qualityAssurance,
    d.qualityAssurance ? QUALITY_ASSURANCE_LABELS[d.qualityAssurance] : '',
  ),
  ...(subject.kind === 'external' ? [present('issuedOn', d.issuedOn, `issued on ${d.issuedOn}`)] : []),
];

const supervisionRank = (s: Credential['supervision']) => (s === undefined ? -1 : SUPERVISION_ORDER.indexOf(s));

/** True when `issuedOn` lies no more than `years` before `asOf` (whole years by calendar, the rest by days). */
const issuedWithinYears = (issuedOn: string, asOf: string, years: number): boolean => {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number]; // asOf is a checked YYYY-MM-DD
  const whole = Math.floor(years);
  const lastDay = new Date(Date.UTC(y - whole, m, 0)).getUTCDate(); // 29 February → 28 February
  const cutoff = Date.UTC(y - whole, m - 1, Math.min(d, lastDay)) - Math.round((years - whole) * 365.25) * DAY_MS;
  return Date.parse(`${issuedOn}T00:00:00Z`) >= cutoff;
};

const targetChecks = (
  d: Described,
  subject: RecognitionSubject,
  target: RecognitionTarget,
  asOf: string,
): RecognitionCheck[] => {
  const cooperative = subject.kind === 'registry' && subject.credential.awardingBodies.length > 1;
  const qaResponsible = subject.kind === 'registry' ? subject.credential.qaResponsible : undefined;
  const qaCheck = !cooperative
    ? condition('qaResponsible', true, 'a single awarding body is responsible for quality assurance')
    : condition(
        'qaResponsible',
        qaResponsible !== undefined,
        qaResponsible
          ? `${qaResponsible} is responsible for quality assurance of this cooperative credential`
          : 'a cooperative credential must name the institution responsible for its quality assurance (SPEC §2)',
      );
  if (target.kind === 'institution') {
    const none = (element: string, what: string) =>
      condition(element, true, `${target.institution.name} sets no ${what} requirement in the registry`);
    return [
      none('targetLevel', 'level'),
      none('targetQualityAssurance', 'quality assurance'),
      qaCheck,
      none('targetSupervision', 'supervision'),
      none('targetAge', 'age'),
    ];
  }
  const { rule } = target;
  const c = rule.components ?? {};
  const level =
    d.eqfLevel === undefined
      ? blocking('targetLevel', false, 'the level is not stated, so it cannot be compared with the programme')
      : c.eqfMin !== undefined
        ? blocking(
            'targetLevel',
            d.eqfLevel >= c.eqfMin,
            `EQF ${d.eqfLevel} against the component minimum EQF ${c.eqfMin}`,
          )
        : condition(
            'targetLevel',
            d.eqfLevel >= rule.eqfLevel,
            `EQF ${d.eqfLevel} against the programme's EQF ${rule.eqfLevel} (the rule sets no component minimum)`,
          );
  const qa =
    c.qualityAssurance === undefined
      ? condition('targetQualityAssurance', true, 'the rule accepts any type of quality assurance')
      : condition(
          'targetQualityAssurance',
          d.qualityAssurance !== undefined && c.qualityAssurance.includes(d.qualityAssurance),
          `${d.qualityAssurance ? QUALITY_ASSURANCE_LABELS[d.qualityAssurance] : 'quality assurance not stated'}; the rule accepts: ${c.qualityAssurance.map((q) => QUALITY_ASSURANCE_LABELS[q]).join('; ')}`,
        );
  const supervision =
    c.minSupervision === undefined
      ? condition('targetSupervision', true, 'the rule sets no minimum supervision')
      : condition(
          'targetSupervision',
          supervisionRank(d.supervision) >= supervisionRank(c.minSupervision),
          `${d.supervision ? SUPERVISION_LABELS[d.supervision] : 'supervision not stated'}; the rule needs at least: ${SUPERVISION_LABELS[c.minSupervision]}`,
        );
  const age =
    c.maxAgeYears === undefined
      ? condition('targetAge', true, 'the rule sets no maximum age')
      : subject.kind === 'registry'
        ? condition(
            'targetAge',
            true,
            `an offering has no date of issuing: each achievement must be issued within ${c.maxAgeYears} years of the award`,
          )
        : d.issuedOn === undefined
          ? condition('targetAge', false, 'the date of issuing is not stated')
          : condition(
              'targetAge',
              d.issuedOn <= asOf && issuedWithinYears(d.issuedOn, asOf, c.maxAgeYears),
              `issued on ${d.issuedOn}; the rule counts credentials issued no more than ${c.maxAgeYears} years before ${asOf}`,
            );
  const externalMaxEcts = rule.externalMaxEcts ?? 0;
  const membership =
    subject.kind === 'registry'
      ? condition(
          'targetMembership',
          !(rule.membersOnly ?? true) || target.members.includes(subject.credential.institutionId),
          (rule.membersOnly ?? true)
            ? `${subject.credential.institutionId} ${target.members.includes(subject.credential.institutionId) ? 'is' : 'is not'} a member of the alliance`
            : 'the rule counts credentials of any institution',
        )
      : condition(
          'targetMembership',
          d.ects !== undefined && d.ects <= externalMaxEcts,
          `the rule counts external credentials up to ${externalMaxEcts} ECTS in total`,
        );
  const size =
    d.ects === undefined
      ? condition('targetSize', false, 'the workload is not stated')
      : condition(
          'targetSize',
          (c.ectsMin === undefined || d.ects >= c.ectsMin) && (c.ectsMax === undefined || d.ects <= c.ectsMax),
          `${d.ects} ECTS; the rule counts components of ${c.ectsMin ?? 1}–${c.ectsMax ?? '∞'} ECTS`,
        );
  const stackableOnly = c.stackableOnly ?? true;
  const stackability =
    subject.kind === 'registry'
      ? condition(
          'targetStackability',
          !stackableOnly || subject.credential.stackability === 'stackable',
          `offered as ${subject.credential.stackability}; the rule counts ${stackableOnly ? 'stackable credentials only' : 'stackable and stand-alone credentials'}`,
        )
      : condition(
          'targetStackability',
          true,
          'stackability is decided for an external credential by the receiving institution',
        );
  return [level, qa, qaCheck, supervision, age, membership, size, stackability];
};

/*
 * SPEC §5: the route follows the kind of the institution responsible for quality assurance: a
 * university's credential goes to academic recognition, a provider's to recognition of prior
 * learning, whatever the type of QA (HRK MODUS: micro-credentials awarded within university formats
 * require academic recognition, internal QA included). Only an external credential whose issuer's
 * kind is not stated falls back on its QA: ESG external QA applies to higher education only.
 */
const route = (
  subject: RecognitionSubject,
  d: Described,
): { route: RecognitionAnswer['recognitionRoute']; why: string } => {
  if (subject.kind === 'registry') {
    const { qaInstitution } = subject;
    return qaInstitution.kind === 'hei'
      ? {
          route: 'academic-recognition',
          why: `its quality assurance is the responsibility of ${qaInstitution.name}, a higher education institution`,
        }
      : {
          route: 'recognition-of-prior-learning',
          why: `its quality assurance is the responsibility of ${qaInstitution.name}, a non-university provider`,
        };
  }
  const kind = subject.external.issuerKind;
  if (kind === 'hei') return { route: 'academic-recognition', why: 'it comes from a higher education institution' };
  if (kind === 'provider')
    return { route: 'recognition-of-prior-learning', why: 'it comes from a non-university provider' };
  if (d.qualityAssurance === 'external-esg') {
    return {
      route: 'academic-recognition',
      why: `the issuer's kind is not stated, and ${QUALITY_ASSURANCE_LABELS['external-esg']} applies to higher education only`,
    };
  }
  return {
    route: 'recognition-of-prior-learning',
    why: 'the issuer is not known to be a higher education institution',
  };
};

const checkedDate = (asOf: string): string => {
  const parsed = IsoDate.safeParse(asOf.slice(0, 10));
  if (!parsed.success) throw invalid('asOf', 'must be a date in the form YYYY-MM-DD');
  return parsed.data;
};

export const checkRecognition = (
  subject: RecognitionSubject,
  target: RecognitionTarget,
  asOf: string,
): RecognitionAnswer => {
  const date = checkedDate(asOf);
  const d = describe(subject);
  const checks = [...mandatoryChecks(d, subject), ...targetChecks(d, subject, target, date)];
  const { route: recognitionRoute, why } = route(subject, d);
  const compatible = checks.some((c) => !c.ok && c.severity === 'blocking')
    ? 'no'
    : checks.some((c) => !c.ok) || recognitionRoute === 'recognition-of-prior-learning'
      ? 'with-conditions'
      : 'yes';
  const decider =
    target.kind === 'programme'
      ? 'The awarding institutions of the programme decide'
      : `${target.institution.name} decides`;
  const routeText =
    recognitionRoute === 'academic-recognition' ? 'academic recognition' : 'recognition of prior learning';
  return {
    compatible,
    recognitionRoute,
    checks,
    notice: `${decider} on recognition; this check creates no entitlement. Route: ${routeText}, because ${why}.`,
  };
};
