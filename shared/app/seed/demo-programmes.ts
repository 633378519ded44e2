import type { Rule } from '../../schemas/rule.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';

/** SPEC §5: the modules a seeded programme admits, each at the version the seed registers (1). */
const modulesOf = (institutions: readonly string[]): string[] =>
  DEMO_CREDENTIALS.filter((c) => institutions.includes(c.institutionId))
    .map((c) => `${c.slug}@1`)
    .sort();

/** A 15 ECTS micro-degree across three partners; the joint master stacks it vertically. */
export const DEMO_MICRO_DEGREE: { id: string; rule: Rule } = {
  id: 'demo-micro-degree-data-science',
  rule: {
    title: 'Micro-degree in Applied Data Science',
    award: 'micro-degree',
    eqfLevel: 7,
    ects: { min: 15, max: 15 },
    components: { eqfMin: 7, qualityAssurance: ['external-esg', 'accredited-programme'] },
    institutions: [
      { id: 'luh', minCount: 1, maxCount: 1 },
      { id: 'lut', minCount: 1, maxCount: 1 },
      { id: 'tuwien', minCount: 1, maxCount: 1 },
    ],
    minInstitutions: 3,
    requirements: [{ id: 'computing', title: 'Data and computing', from: { subjectAreas: ['061'] }, minCount: 2 }],
    // Only the three partners it draws on: the micro-degree is theirs to offer.
    modules: modulesOf(['luh', 'lut', 'tuwien']),
  },
};

/** SPEC §1: 60 CP of twelve 5 CP micro-credentials, 3 LUH / 2 LUT / 2 BUT / 3 TU Wien / 2 UPM. */
export const DEMO_JOINT_MASTER: { id: string; rule: Rule } = {
  id: 'demo-joint-master',
  rule: {
    title: 'Joint Master in Engineering and Digital Transformation',
    award: 'joint-master',
    eqfLevel: 7,
    ects: { min: 60, max: 60 },
    components: {
      eqfMin: 7,
      ectsMin: 5,
      ectsMax: 5,
      stackableOnly: true,
      qualityAssurance: ['external-esg', 'accredited-programme'],
    },
    institutions: [
      { id: 'luh', minCount: 3, maxCount: 3 },
      { id: 'lut', minCount: 2, maxCount: 2 },
      { id: 'but', minCount: 2, maxCount: 2 },
      { id: 'tuwien', minCount: 3, maxCount: 3 },
      { id: 'upm', minCount: 2, maxCount: 2 },
    ],
    membersOnly: true,
    externalMaxEcts: 0,
    minInstitutions: 5,
    minCountries: 5,
    programmes: [DEMO_MICRO_DEGREE.id],
    // Every seeded offering: what the partners agreed to; later ones enter only by an agreed amendment.
    modules: modulesOf(['luh', 'lut', 'but', 'tuwien', 'upm']),
  },
};
