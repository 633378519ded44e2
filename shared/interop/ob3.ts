import type { Credential } from '../schemas/credential.js';
import type { Institution } from '../schemas/institution.js';
import type { Rule } from '../schemas/rule.js';
import { institutionOf } from './institution-of.js';
import { describeRule } from './rule-narrative.js';
import {
  ASSESSMENT_LABELS,
  escoSkillCode,
  eqfLevelUri,
  iscedFieldName,
  iscedFieldUri,
  PARTICIPATION_LABELS,
  QUALITY_ASSURANCE_LABELS,
  registryUrls,
  type RegistryUrls,
  SUPERVISION_LABELS,
} from './vocabulary.js';

/*
 * Open Badges 3.0 (1EdTech) `Achievement` documents: the offering, not an issued badge. They pass
 * `$defs/Achievement` of the official AchievementCredential schema (test/unit/interop). OB3 has
 * no property for the EQF level: an `Alignment` is the OB3 class for "a node in an educational
 * framework", so the level is an alignment to the EQF level concept (targetType `ext:EQFLevel`);
 * `resultDescription` describes the possible results of an assessment, not the level of the
 * achievement. EU standard elements OB3 has no place for travel in one JSON-LD extension term,
 * `euMicroCredential` (a JSON literal), declared in the document's own `@context`.
 */

const OB3_CONTEXT = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
] as const;

export interface ExportOptions {
  /** Public base URL of the registry API, e.g. `https://registry.example.eu`; ids are built on it. */
  readonly baseUrl: string;
}

interface Ob3Alignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  targetType?: string;
  targetDescription?: string;
}

interface Ob3Profile {
  id: string;
  type: ['Profile'];
  name: string;
  url: string;
  address: { type: ['Address']; addressCountryCode: string };
  otherIdentifier?: { type: 'IdentifierEntry'; identifier: string; identifierType: string }[];
}

export interface Ob3Achievement {
  '@context': (string | Record<string, unknown>)[];
  id: string;
  type: ['Achievement'];
  achievementType: string;
  name: string;
  description: string;
  criteria: { id: string; narrative: string };
  creditsAvailable: number;
  alignment: Ob3Alignment[];
  humanCode: string;
  version?: string;
  fieldOfStudy?: string;
  inLanguage?: string;
  creator?: Ob3Profile;
  tag?: string[];
  otherIdentifier?: { type: 'IdentifierEntry'; identifier: string; identifierType: string }[];
  related?: { id: string; type: ['Related']; version?: string; inLanguage?: string }[];
  euMicroCredential: Record<string, unknown>;
}

/** The OB3 `LanguageCode` pattern; BCP-47 tags are case-normalised to it or left out. */
const OB3_LANGUAGE = /^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/;

const ob3LanguageCode = (tag: string): string | undefined => {
  const normalised = tag
    .split('-')
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 4) return part.charAt(0).toUpperCase() + part.slice(1).toLowerCase();
      return part.toUpperCase();
    })
    .join('-');
  return OB3_LANGUAGE.test(normalised) ? normalised : undefined;
};

const ob3Profile = (institution: Institution, urls: RegistryUrls): Ob3Profile => {
  const identifiers = [
    ...(institution.erasmusCode
      ? [{ type: 'IdentifierEntry' as const, identifier: institution.erasmusCode, identifierType: 'ext:ErasmusCode' }]
      : []),
    ...(institution.deqarId
      ? [{ type: 'IdentifierEntry' as const, identifier: institution.deqarId, identifierType: 'ext:DEQAR' }]
      : []),
  ];
  return {
    id: urls.institution(institution.id),
    type: ['Profile'],
    name: institution.name,
    url: urls.institution(institution.id),
    address: { type: ['Address'], addressCountryCode: institution.country },
    ...(identifiers.length > 0 ? { otherIdentifier: identifiers } : {}),
  };
};

const eqfAlignment = (level: number): Ob3Alignment => ({
  type: ['Alignment'],
  targetName: `EQF level ${level}`,
  targetUrl: eqfLevelUri(level),
  targetCode: String(level),
  targetFramework: 'European Qualifications Framework',
  targetType: 'ext:EQFLevel',
});

const iscedAlignment = (code: string): Ob3Alignment => ({
  type: ['Alignment'],
  targetName: iscedFieldName(code),
  targetUrl: iscedFieldUri(code),
  targetCode: code,
  targetFramework: 'ISCED-F 2013',
  targetType: 'ext:ISCEDF',
});

// The registry stores ESCO URIs without preferred labels; the UUID names the skill.
const escoAlignment = (uri: string): Ob3Alignment => ({
  type: ['Alignment'],
  targetName: `ESCO skill ${escoSkillCode(uri)}`,
  targetUrl: uri,
  targetCode: escoSkillCode(uri),
  targetFramework: 'ESCO',
  targetType: 'ceasn:Competency',
});

const extensionContext = (urls: RegistryUrls) => ({
  euMicroCredential: { '@id': urls.vocabulary, '@type': '@json' },
});

const credentialNarrative = (c: Credential): string =>
  [
    'Learning outcomes:',
    ...c.learningOutcomes.map((o) => `- ${o}`),
    '',
    `Assessment: ${ASSESSMENT_LABELS[c.assessment]}` +
      (c.supervision ? `; ${SUPERVISION_LABELS[c.supervision]}` : '') +
      '.',
    `Participation: ${PARTICIPATION_LABELS[c.participation]}.`,
    `Workload: ${c.ects} ECTS` +
      (c.workloadHours ? ` (${c.workloadHours} hours)` : '') +
      ` at EQF level ${c.eqfLevel}.`,
    `Quality assurance: ${QUALITY_ASSURANCE_LABELS[c.qualityAssurance]}.`,
    ...(c.prerequisites && c.prerequisites.length > 0 ? [`Prerequisites: ${c.prerequisites.join(', ')}.`] : []),
  ].join('\n');

/** SPEC §3 credential version → OB3 Achievement; throws NOT_FOUND if an awarding body is not in `institutions`. */
export const credentialToOb3Achievement = (
  credential: Credential,
  institutions: Readonly<Record<string, Institution>>,
  opts: ExportOptions,
): Ob3Achievement => {
  const urls = registryUrls(opts.baseUrl);
  const awarding = credential.awardingBodies.map((id) => institutionOf(institutions, id));
  const owner = institutionOf(institutions, credential.institutionId);
  const inLanguage = credential.language?.map(ob3LanguageCode).find((l) => l !== undefined);
  return {
    '@context': [...OB3_CONTEXT, extensionContext(urls)],
    id: urls.credentialExport(credential, 'ob3'),
    type: ['Achievement'],
    achievementType: 'MicroCredential',
    name: credential.title,
    description:
      credential.furtherInfo ||
      `${credential.ects} ECTS micro-credential at EQF level ${credential.eqfLevel} awarded by ${awarding.map((i) => i.name).join(', ')}.`,
    criteria: { id: urls.credential(credential), narrative: credentialNarrative(credential) },
    creditsAvailable: credential.ects,
    alignment: [
      eqfAlignment(credential.eqfLevel),
      ...(credential.subjectArea ? [iscedAlignment(credential.subjectArea)] : []),
      ...(credential.skills ?? []).map(escoAlignment),
    ],
    humanCode: credential.id,
    version: String(credential.version),
    ...(credential.subjectArea ? { fieldOfStudy: iscedFieldName(credential.subjectArea) } : {}),
    ...(inLanguage ? { inLanguage } : {}),
    creator: ob3Profile(owner, urls),
    tag: ['micro-credential', credential.stackability],
    otherIdentifier: [
      {
        type: 'IdentifierEntry',
        identifier: `${credential.id}@${credential.version}`,
        identifierType: 'ext:RegistryCredentialRef',
      },
    ],
    euMicroCredential: {
      countries: credential.countries,
      awardingBodies: awarding.map((i) => ({
        id: urls.institution(i.id),
        name: i.name,
        country: i.country,
        kind: i.kind,
      })),
      issuerKind: owner.kind,
      // OB3's `name` is one string: the titles in other languages travel in the extension.
      ...(credential.titles ? { titles: credential.titles } : {}),
      learningOutcomes: credential.learningOutcomes,
      ects: credential.ects,
      ...(credential.workloadHours ? { workloadHours: credential.workloadHours } : {}),
      eqfLevel: credential.eqfLevel,
      assessment: credential.assessment,
      participation: credential.participation,
      qualityAssurance: credential.qualityAssurance,
      ...(credential.qaResponsible ? { qaResponsible: urls.institution(credential.qaResponsible) } : {}),
      ...(credential.supervision ? { supervision: credential.supervision } : {}),
      ...(credential.prerequisites ? { prerequisites: credential.prerequisites.map(urls.credentialRef) } : {}),
      stackability: credential.stackability,
      ...(credential.subjectArea ? { subjectArea: credential.subjectArea } : {}),
      ...(credential.language ? { language: credential.language } : {}),
      status: credential.status,
    },
  };
};

export interface ProgrammeExport {
  readonly id: string;
  readonly title: string;
  readonly rule: Rule;
  readonly agreedVersion?: number;
  readonly contentHash?: string;
}

/**
 * A joint programme as an OB3 Achievement whose `related` entries are its component achievements:
 * vertical stacking in OB3's words. `components` are the credential versions the caller offers as
 * parts (for instance the published credentials the agreed rule can count).
 */
export const programmeToOb3Achievement = (
  programme: ProgrammeExport,
  components: readonly Credential[],
  institutions: Readonly<Record<string, Institution>>,
  opts: ExportOptions,
): Ob3Achievement => {
  const urls = registryUrls(opts.baseUrl);
  const { rule } = programme;
  const awardingIds = [
    ...new Set([...(rule.institutions ?? []).map((b) => b.id), ...components.map((c) => c.institutionId)]),
  ].sort();
  const awarding = awardingIds.map((id) => institutionOf(institutions, id));
  const id = urls.programme(programme.id, programme.agreedVersion);
  return {
    '@context': [...OB3_CONTEXT, extensionContext(urls)],
    id,
    type: ['Achievement'],
    achievementType: rule.award === 'joint-master' ? 'MasterDegree' : 'MicroCredential',
    name: rule.title,
    description:
      `${rule.award === 'joint-master' ? 'Joint master' : 'Micro-degree'} of ${rule.ects.min}` +
      (rule.ects.max > rule.ects.min ? `–${rule.ects.max}` : '') +
      ` ECTS at EQF level ${rule.eqfLevel}, composed of micro-credentials from ${awarding.map((i) => i.name).join(', ')}.`,
    criteria: { id, narrative: describeRule(rule, institutions) },
    creditsAvailable: rule.ects.min,
    alignment: [eqfAlignment(rule.eqfLevel)],
    humanCode: programme.id,
    ...(programme.agreedVersion === undefined ? {} : { version: String(programme.agreedVersion) }),
    tag: [rule.award, 'stackable'],
    ...(programme.contentHash
      ? {
          otherIdentifier: [
            {
              type: 'IdentifierEntry' as const,
              identifier: `sha256:${programme.contentHash}`,
              identifierType: 'ext:RuleContentHash',
            },
          ],
        }
      : {}),
    // OB3 has no part-of link between achievements; `related` is the one it offers (see the doc).
    related: components.map((c) => {
      const inLanguage = c.language?.map(ob3LanguageCode).find((l) => l !== undefined);
      return {
        id: urls.credentialExport(c, 'ob3'),
        type: ['Related'],
        version: String(c.version),
        ...(inLanguage ? { inLanguage } : {}),
      };
    }),
    euMicroCredential: {
      countries: [...new Set(awarding.map((i) => i.country))].sort(),
      awardingBodies: awarding.map((i) => ({
        id: urls.institution(i.id),
        name: i.name,
        country: i.country,
        kind: i.kind,
      })),
      ects: rule.ects,
      eqfLevel: rule.eqfLevel,
      award: rule.award,
      ...(programme.agreedVersion === undefined
        ? { status: 'negotiating' }
        : { status: 'agreed', agreedVersion: programme.agreedVersion }),
    },
  };
};
