import type { Credential } from '../schemas/credential.js';
import type { Institution } from '../schemas/institution.js';
import { countryAlpha3, languageAlpha3 } from './iso-codes.js';
import type { ExportOptions, ProgrammeExport } from './ob3.js';
import { institutionOf } from './institution-of.js';
import { describeRule } from './rule-narrative.js';
import {
  ASSESSMENT_LABELS,
  COUNTRY_AUTHORITY,
  ECTS_CREDIT_URI,
  EDUCATION_CREDIT_SCHEME,
  EQF_SCHEME,
  eqfLevelUri,
  ESCO_SKILLS_SCHEME,
  FORMAL_LEARNING_URI,
  ISCED_F_SCHEME,
  iscedFieldUri,
  LANGUAGE_AUTHORITY,
  LEARNING_SETTING_SCHEME,
  PARTICIPATION_LABELS,
  QUALITY_ASSURANCE_LABELS,
  registryUrls,
  type RegistryUrls,
  SUPERVISION_LABELS,
} from './vocabulary.js';

/*
 * European Learning Model 3.2 documents (Europass EDC). The schema's
 * `$defs/LearningAchievementSpecificationType` is closed (`additionalProperties: false`) and has no
 * `@context`: in ELM the JSON-LD context sits on the enclosing credential. So an exported node is
 * returned bare, and it passes the official schema as it is; the JSON-LD context travels in an
 * HTTP `Link` header (JSON-LD 1.1 §6.1, `ELM_CONTEXT_LINK`) or, for `application/ld+json`, through
 * `withElmContext`, which adds the `@context` key the closed schema does not allow.
 */

export const ELM_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'http://data.europa.eu/snb/model/context/edc-ap',
] as const;

/** `Link` header value that makes a plain JSON export a JSON-LD document (JSON-LD 1.1 §6.1). */
export const ELM_CONTEXT_LINK = `<${ELM_CONTEXT[1]}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;

export const withElmContext = <T extends object>(node: T): { '@context': typeof ELM_CONTEXT } & T => ({
  '@context': ELM_CONTEXT,
  ...node,
});

type LangString = Record<string, string>;
interface Concept {
  id?: string;
  type: 'Concept';
  prefLabel?: LangString;
  notation?: string;
  inScheme?: { id: string; type: 'ConceptScheme' };
}
interface Note {
  type: 'Note';
  noteLiteral: LangString;
  subject?: Concept;
}
interface ElmOrganisation {
  id: string;
  type: 'Organisation';
  legalName: LangString;
  location: { type: 'Location'; address: { type: 'Address'; countryCode: Concept }[] }[];
  homepage?: { type: 'WebResource'; contentURL: string }[];
  identifier?: { type: 'Identifier'; notation: string; schemeName: string }[];
}
export interface ElmSpecification {
  id: string;
  type: 'LearningAchievementSpecification' | 'Qualification';
  title: LangString;
  [property: string]: unknown;
}
export interface ElmLearningOpportunity {
  id: string;
  type: 'LearningOpportunity';
  title: LangString;
  learningAchievementSpecification: ElmSpecification;
  hasPart?: ElmLearningOpportunity[];
  [property: string]: unknown;
}

const concept = (
  id: string | undefined,
  scheme: string | undefined,
  label: string | undefined,
  notation?: string,
): Concept => ({
  ...(id ? { id } : {}),
  type: 'Concept',
  ...(scheme ? { inScheme: { id: scheme, type: 'ConceptScheme' } } : {}),
  ...(label ? { prefLabel: { en: label } } : {}),
  ...(notation ? { notation } : {}),
});

const countryConcept = (alpha2: string): Concept => {
  const alpha3 = countryAlpha3(alpha2);
  return alpha3
    ? concept(`${COUNTRY_AUTHORITY}/${alpha3}`, COUNTRY_AUTHORITY, undefined, alpha2)
    : concept(undefined, COUNTRY_AUTHORITY, undefined, alpha2);
};

const languageConcept = (tag: string): Concept => {
  const alpha3 = languageAlpha3(tag.split('-')[0] ?? '');
  return alpha3
    ? concept(`${LANGUAGE_AUTHORITY}/${alpha3.toUpperCase()}`, LANGUAGE_AUTHORITY, undefined, tag)
    : concept(undefined, LANGUAGE_AUTHORITY, undefined, tag);
};

const eqfConcept = (level: number): Concept => concept(eqfLevelUri(level), EQF_SCHEME, `Level ${level}`, String(level));

const ectsCreditPoint = (ects: number) => ({
  type: 'CreditPoint' as const,
  framework: concept(ECTS_CREDIT_URI, EDUCATION_CREDIT_SCHEME, 'European Credit Transfer and Accumulation System'),
  point: String(ects),
});

/**
 * Key of the language-tagged strings: the credential's first language when ELM knows it as an
 * ISO 639-1 code, else English (the registry does not record the language of each text).
 */
const textLanguage = (languages: readonly string[] | undefined): string => {
  const primary = languages?.[0]?.split('-')[0]?.toLowerCase();
  return primary !== undefined && primary.length === 2 && languageAlpha3(primary) !== undefined ? primary : 'en';
};

/**
 * The title as an ELM language map (SPEC §3 `titles`): the main title under the text language,
 * then each translation under its primary subtag when ELM knows it (`de-AT` → `de`). ELM keys are
 * ISO 639-1 codes, so of several translations into one primary language only the most general is kept.
 */
const titleMap = (c: Pick<Credential, 'title' | 'titles' | 'language'>): Record<string, string> => {
  const map: Record<string, string> = { [textLanguage(c.language)]: c.title };
  // A tag that is its primary language (`de`) before a regional one (`de-AT`), whatever the stored order.
  const byGenerality = Object.entries(c.titles ?? {}).sort(
    ([a], [b]) => a.split('-').length - b.split('-').length || a.localeCompare(b),
  );
  for (const [tag, title] of byGenerality) {
    const primary = tag.split('-')[0]?.toLowerCase() ?? '';
    if (primary.length === 2 && languageAlpha3(primary) !== undefined && !(primary in map)) map[primary] = title;
  }
  return map;
};

/** Element notes name the registry's element (subject notation) and value, so a re-import can read them back. */
const elementNote = (lang: string, element: string, label: string, value: string, text: string): Note => ({
  type: 'Note',
  subject: concept(undefined, undefined, label, element),
  noteLiteral: { [lang]: `${value}: ${text}` },
});

const elmOrganisation = (institution: Institution, urls: RegistryUrls): ElmOrganisation => {
  const identifiers = [
    ...(institution.erasmusCode
      ? [{ type: 'Identifier' as const, notation: institution.erasmusCode, schemeName: 'Erasmus institution code' }]
      : []),
    ...(institution.deqarId
      ? [{ type: 'Identifier' as const, notation: institution.deqarId, schemeName: 'DEQAR institution id' }]
      : []),
  ];
  return {
    id: urls.institution(institution.id),
    type: 'Organisation',
    legalName: { en: institution.name },
    location: [{ type: 'Location', address: [{ type: 'Address', countryCode: countryConcept(institution.country) }] }],
    ...(identifiers.length > 0 ? { identifier: identifiers } : {}),
  };
};

/** SPEC §3 credential version → ELM LearningAchievementSpecification; NOT_FOUND if an awarding body is unknown. */
export const credentialToElmSpecification = (
  credential: Credential,
  institutions: Readonly<Record<string, Institution>>,
  opts: ExportOptions,
): ElmSpecification => {
  const urls = registryUrls(opts.baseUrl);
  const id = urls.credentialExport(credential, 'elm');
  const lang = textLanguage(credential.language);
  const awarding = credential.awardingBodies.map((b) => institutionOf(institutions, b));
  const owner = institutionOf(institutions, credential.institutionId);
  const skills = (credential.skills ?? []).map((uri) => concept(uri, ESCO_SKILLS_SCHEME, undefined));
  const notes: Note[] = [
    elementNote(
      lang,
      'qualityAssurance',
      'Type of quality assurance',
      credential.qualityAssurance,
      QUALITY_ASSURANCE_LABELS[credential.qualityAssurance],
    ),
    elementNote(
      lang,
      'stackability',
      'Integration and stackability',
      credential.stackability,
      credential.stackability === 'stackable' ? 'stackable towards larger credentials' : 'stand-alone',
    ),
    ...(credential.qaResponsible
      ? [
          elementNote(
            lang,
            'qaResponsible',
            'Institution responsible for quality assurance',
            credential.qaResponsible,
            institutionOf(institutions, credential.qaResponsible).name,
          ),
        ]
      : []),
    ...(credential.furtherInfo ? [{ type: 'Note' as const, noteLiteral: { [lang]: credential.furtherInfo } }] : []),
  ];
  const prerequisites = credential.prerequisites ?? [];
  return {
    id,
    type: 'LearningAchievementSpecification',
    title: titleMap(credential),
    identifier: {
      type: 'Identifier',
      notation: `${credential.id}@${credential.version}`,
      schemeName: 'Alliance Micro-Credential Registry',
    },
    // The registry records skills per credential, not per outcome: each outcome carries them all.
    learningOutcome: credential.learningOutcomes.map((text, i) => ({
      id: `${id}#learning-outcome-${i + 1}`,
      type: 'LearningOutcome',
      title: { [lang]: text },
      ...(skills.length > 0 ? { relatedESCOSkill: skills } : {}),
    })),
    learningOutcomeSummary: {
      type: 'Note',
      noteLiteral: { [lang]: credential.learningOutcomes.map((o) => `- ${o}`).join('\n') },
    },
    creditPoint: [ectsCreditPoint(credential.ects)],
    ...(credential.workloadHours ? { volumeOfLearning: `PT${credential.workloadHours}H` } : {}),
    educationLevel: [eqfConcept(credential.eqfLevel)],
    ...(credential.subjectArea
      ? {
          thematicArea: [
            concept(iscedFieldUri(credential.subjectArea), ISCED_F_SCHEME, undefined, credential.subjectArea),
          ],
        }
      : {}),
    mode: [concept(undefined, undefined, PARTICIPATION_LABELS[credential.participation], credential.participation)],
    ...(owner.kind === 'hei'
      ? { learningSetting: concept(FORMAL_LEARNING_URI, LEARNING_SETTING_SCHEME, 'formal learning') }
      : {}),
    ...(credential.language?.length ? { language: credential.language.map(languageConcept) } : {}),
    entryRequirement: {
      type: 'Note',
      noteLiteral: {
        [lang]:
          prerequisites.length > 0
            ? `Completion of: ${prerequisites.map((p) => `${p} (${urls.credentialRef(p)})`).join(', ')}`
            : credential.prerequisites
              ? 'None'
              : 'Not stated',
      },
    },
    provenBy: [
      {
        id: `${id}#assessment`,
        type: 'LearningAssessmentSpecification',
        title: { [lang]: ASSESSMENT_LABELS[credential.assessment] },
        dcType: concept(undefined, undefined, ASSESSMENT_LABELS[credential.assessment], credential.assessment),
        ...(credential.supervision
          ? {
              additionalNote: [
                elementNote(
                  lang,
                  'supervision',
                  'Supervision and identity verification',
                  credential.supervision,
                  SUPERVISION_LABELS[credential.supervision],
                ),
              ],
            }
          : {}),
      },
    ],
    awardingOpportunity: [{ type: 'AwardingOpportunity', awardingBody: awarding.map((i) => elmOrganisation(i, urls)) }],
    additionalNote: notes,
    supplementaryDocument: [{ type: 'WebResource', contentURL: urls.credential(credential) }],
    status: credential.status,
  };
};

/**
 * A joint programme as an ELM LearningOpportunity: its `learningAchievementSpecification` is the
 * award (a Qualification for a joint master, a LearningAchievementSpecification for a micro-degree,
 * whose `hasPart` lists the component specifications) and its `hasPart` are one LearningOpportunity
 * per component credential, each carrying that credential's specification.
 */
export const programmeToElm = (
  programme: ProgrammeExport,
  components: readonly Credential[],
  institutions: Readonly<Record<string, Institution>>,
  opts: ExportOptions,
): ElmLearningOpportunity => {
  const urls = registryUrls(opts.baseUrl);
  const { rule } = programme;
  const id = urls.programme(programme.id, programme.agreedVersion);
  const awardingIds = [
    ...new Set([...(rule.institutions ?? []).map((b) => b.id), ...components.map((c) => c.institutionId)]),
  ].sort();
  const awarding = awardingIds.map((i) => institutionOf(institutions, i));
  const parts = components.map((c) => ({ credential: c, spec: credentialToElmSpecification(c, institutions, opts) }));
  const composition: Note = { type: 'Note', noteLiteral: { en: describeRule(rule, institutions) } };
  const agreement: Note[] =
    programme.agreedVersion === undefined
      ? [{ type: 'Note', noteLiteral: { en: 'Under negotiation: not yet agreed by every member institution.' } }]
      : [
          {
            type: 'Note',
            noteLiteral: {
              en:
                `Agreed version ${programme.agreedVersion}` +
                (programme.contentHash ? `, rule SHA-256 ${programme.contentHash}.` : '.'),
            },
          },
        ];
  const common = {
    id: `${id}#award`,
    title: { en: rule.title },
    creditPoint: [ectsCreditPoint(rule.ects.min)],
    awardingOpportunity: [{ type: 'AwardingOpportunity', awardingBody: awarding.map((i) => elmOrganisation(i, urls)) }],
    additionalNote: [composition, ...agreement],
  };
  const award: ElmSpecification =
    rule.award === 'joint-master'
      ? { ...common, type: 'Qualification', eqfLevel: eqfConcept(rule.eqfLevel), isPartialQualification: false }
      : {
          ...common,
          type: 'LearningAchievementSpecification',
          educationLevel: [eqfConcept(rule.eqfLevel)],
          hasPart: parts.map((p) => p.spec),
        };
  return {
    id,
    type: 'LearningOpportunity',
    title: { en: rule.title },
    learningAchievementSpecification: award,
    hasPart: parts.map(({ credential: c, spec }) => ({
      id: `${urls.credential(c)}#learning-opportunity`,
      type: 'LearningOpportunity',
      title: titleMap(c),
      learningAchievementSpecification: spec,
      providedBy: elmOrganisation(institutionOf(institutions, c.institutionId), urls),
    })),
    homepage: [{ type: 'WebResource', contentURL: id }],
  };
};
