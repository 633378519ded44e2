import type { Credential } from '../schemas/credential.js';

/*
 * The EU Council Recommendation 2022 standard elements (SPEC §2) as the registry names them in
 * recognition checks, import reports and the completeness summary. Learner identification is not
 * listed: the registry keeps no learner data, so the receiving institution checks the learner
 * against the original document.
 */

/** Mandatory elements that describe an offering. */
const OFFERING_ELEMENTS = [
  'title',
  'country',
  'awardingBodies',
  'learningOutcomes',
  'workload',
  'level',
  'assessment',
  'participation',
  'qualityAssurance',
] as const;
export type OfferingElement = (typeof OFFERING_ELEMENTS)[number];

/** Mandatory elements of an issued credential: the offering's plus the date of issuing. */
const ISSUED_ELEMENTS = [...OFFERING_ELEMENTS, 'issuedOn'] as const;
export type IssuedElement = (typeof ISSUED_ELEMENTS)[number];

/**
 * Optional in the Recommendation and in our schema, but what a partner needs to assess a credential
 * before a QA review: supervision and identity verification, ESCO skills, ISCED-F field, language,
 * workload in hours, and an explicit prerequisites statement (an empty list means "none").
 */
const RECOMMENDED_ELEMENTS = [
  'supervision',
  'skills',
  'subjectArea',
  'language',
  'workloadHours',
  'prerequisites',
] as const;
export type RecommendedElement = (typeof RECOMMENDED_ELEMENTS)[number];

export const ELEMENT_LABELS: Readonly<Record<IssuedElement | RecommendedElement | 'qaResponsible', string>> = {
  title: 'title',
  country: 'country(ies) of the issuer',
  awardingBodies: 'awarding body(ies)',
  learningOutcomes: 'learning outcomes',
  workload: 'notional workload (ECTS)',
  level: 'level (EQF)',
  assessment: 'type of assessment',
  participation: 'form of participation',
  qualityAssurance: 'type of quality assurance',
  issuedOn: 'date of issuing',
  qaResponsible: 'institution responsible for quality assurance',
  supervision: 'supervision and identity verification',
  skills: 'ESCO skills',
  subjectArea: 'ISCED-F subject area',
  language: 'language(s)',
  workloadHours: 'notional workload in hours',
  prerequisites: 'prerequisites statement',
};

const nonEmpty = (xs: readonly unknown[] | undefined): boolean => xs !== undefined && xs.length > 0;

/**
 * Mandatory offering elements a stored credential lacks. The schema requires them all, so this
 * finds only data written before a rule tightened; `qaResponsible` is mandatory for cooperative
 * (multi-awarding-body) credentials (SPEC §2).
 */
export const missingOfferingElements = (c: Credential): (OfferingElement | 'qaResponsible')[] => {
  const present: Record<OfferingElement, boolean> = {
    title: c.title.trim().length > 0,
    country: nonEmpty(c.countries),
    awardingBodies: nonEmpty(c.awardingBodies),
    learningOutcomes: c.learningOutcomes.some((o) => o.trim().length > 0),
    workload: c.ects > 0,
    level: Number.isInteger(c.eqfLevel) && c.eqfLevel >= 1 && c.eqfLevel <= 8,
    assessment: c.assessment !== undefined,
    participation: c.participation !== undefined,
    qualityAssurance: c.qualityAssurance !== undefined,
  };
  const missing: (OfferingElement | 'qaResponsible')[] = OFFERING_ELEMENTS.filter((e) => !present[e]);
  if (c.awardingBodies.length > 1 && c.qaResponsible === undefined) missing.push('qaResponsible');
  return missing;
};

/** Recommended elements a stored credential does not state. */
export const missingRecommendedElements = (c: Credential): RecommendedElement[] => {
  const present: Record<RecommendedElement, boolean> = {
    supervision: c.supervision !== undefined,
    skills: nonEmpty(c.skills),
    subjectArea: c.subjectArea !== undefined,
    language: nonEmpty(c.language),
    workloadHours: c.workloadHours !== undefined,
    prerequisites: c.prerequisites !== undefined,
  };
  return RECOMMENDED_ELEMENTS.filter((e) => !present[e]);
};
