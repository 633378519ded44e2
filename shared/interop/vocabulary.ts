import type { Credential } from '../schemas/credential.js';
import type { QualityAssurance, Supervision } from '../schemas/common.js';

/*
 * Words and identifiers the two export formats share: labels for the registry's enumerations, the
 * EU controlled vocabularies (EQF, ISCED-F, ECTS, ESCO) and the registry's own URLs. Controlled
 * vocabulary URIs appear only where the official identifier is known; elsewhere a label is given.
 */

export const ASSESSMENT_LABELS: Readonly<Record<Credential['assessment'], string>> = {
  exam: 'written examination',
  oral: 'oral examination',
  project: 'project',
  portfolio: 'portfolio',
  practical: 'practical assessment',
  'online-test': 'online test',
  other: 'other form of assessment',
};

export const PARTICIPATION_LABELS: Readonly<Record<Credential['participation'], string>> = {
  online: 'online',
  onsite: 'on-site',
  blended: 'blended (online and on-site)',
};

export const QUALITY_ASSURANCE_LABELS: Readonly<Record<QualityAssurance, string>> = {
  'external-esg': 'external quality assurance in line with the ESG',
  'accredited-programme': 'part of an accredited programme',
  internal: 'internal quality assurance of the awarding body',
  'non-academic-certification': 'non-academic certification',
};

export const SUPERVISION_LABELS: Readonly<Record<Supervision, string>> = {
  unsupervised: 'unsupervised, no identity verification',
  supervised: 'supervised, no identity verification',
  'supervised-online': 'supervised online',
  'onsite-id': 'on-site with identity verification',
};

/** ISCED-F 2013 broad fields: a detailed code is shown under the name of its broad field. */
const ISCED_BROAD_FIELDS: Readonly<Record<string, string>> = {
  '00': 'Generic programmes and qualifications',
  '01': 'Education',
  '02': 'Arts and humanities',
  '03': 'Social sciences, journalism and information',
  '04': 'Business, administration and law',
  '05': 'Natural sciences, mathematics and statistics',
  '06': 'Information and Communication Technologies',
  '07': 'Engineering, manufacturing and construction',
  '08': 'Agriculture, forestry, fisheries and veterinary',
  '09': 'Health and welfare',
  '10': 'Services',
  '99': 'Field unknown',
};

export const iscedFieldName = (code: string): string => {
  const broad = ISCED_BROAD_FIELDS[code.slice(0, 2)];
  return broad === undefined ? `ISCED-F ${code}` : `${broad} (ISCED-F ${code})`;
};

export const EQF_SCHEME = 'http://data.europa.eu/snb/eqf/25831c2';
export const eqfLevelUri = (level: number): string => `http://data.europa.eu/snb/eqf/${level}`;
export const EQF_LEVEL_URI = /^https?:\/\/data\.europa\.eu\/snb\/eqf\/([1-8])$/;

export const ISCED_F_SCHEME = 'http://data.europa.eu/snb/isced-f/25831c2';
export const iscedFieldUri = (code: string): string => `http://data.europa.eu/snb/isced-f/${code}`;
export const ISCED_F_URI = /^https?:\/\/data\.europa\.eu\/snb\/isced-f\/([0-9]{2,4})$/;

export const ECTS_CREDIT_URI = 'http://data.europa.eu/snb/education-credit/6fcec5c5af';
export const EDUCATION_CREDIT_SCHEME = 'http://data.europa.eu/snb/education-credit/25831c2';
export const FORMAL_LEARNING_URI = 'http://data.europa.eu/snb/learning-setting/6fd4685715';
export const LEARNING_SETTING_SCHEME = 'http://data.europa.eu/snb/learning-setting/25831c2';
export const ESCO_SKILLS_SCHEME = 'http://data.europa.eu/esco/concept-scheme/skills';
export const COUNTRY_AUTHORITY = 'http://publications.europa.eu/resource/authority/country';
export const LANGUAGE_AUTHORITY = 'http://publications.europa.eu/resource/authority/language';

/** The last path segment of an ESCO skill URI: its UUID. */
export const escoSkillCode = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1);

/** The registry's public URLs: every exported identifier is one of these, so a reader can fetch it. */
export const registryUrls = (baseUrl: string) => {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    credential: (c: Pick<Credential, 'id' | 'version'>) => `${base}/credentials/${c.id}/versions/${c.version}`,
    credentialExport: (c: Pick<Credential, 'id' | 'version'>, format: 'ob3' | 'elm') =>
      `${base}/credentials/${c.id}@${c.version}/export?format=${format}`,
    credentialRef: (ref: string) => `${base}/credentials/${ref}`,
    institution: (id: string) => `${base}/institutions/${id}`,
    programme: (id: string, version?: number) =>
      version === undefined ? `${base}/programmes/${id}` : `${base}/programmes/${id}/versions/${version}`,
    vocabulary: `${base}/vocabulary/eu-micro-credential`,
  };
};
export type RegistryUrls = ReturnType<typeof registryUrls>;

/**
 * The credential `{ id, version }` a document node was exported as, when its id is one of this
 * registry's export URLs (`registryUrls(baseUrl).credentialExport`); undefined for anything else,
 * including the exports of another registry (another base URL).
 */
export const exportedCredentialOf = (nodeId: string, baseUrl: string): { id: string; version: number } | undefined => {
  const prefix = `${baseUrl.replace(/\/+$/, '')}/credentials/`;
  if (!nodeId.startsWith(prefix)) return undefined;
  const match = /^([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)@([1-9][0-9]{0,5})\/export\?format=(?:ob3|elm)$/.exec(
    nodeId.slice(prefix.length),
  );
  return match?.[1] && match[2] ? { id: match[1], version: Number(match[2]) } : undefined;
};
