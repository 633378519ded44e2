import { Credential } from '../../../shared/schemas/credential.js';
import { Institution } from '../../../shared/schemas/institution.js';
import { Rule } from '../../../shared/schemas/rule.js';

/*
 * The LUH model alliance of SPEC §1: five universities, 5 ECTS EQF 7 micro-credentials, and the
 * 60 CP joint master 3/2/2/3/2. Every fixture is parsed with the real schemas, so a fixture that
 * drifts from the stored shape fails here first.
 */

export const BASE_URL = 'https://registry.example.eu';

export const institutions: Record<string, Institution> = Object.fromEntries(
  [
    {
      id: 'luh',
      name: 'Leibniz Universität Hannover',
      country: 'DE',
      kind: 'hei',
      erasmusCode: 'D HANNOVE01',
      deqarId: 'DEQARINST0123',
    },
    { id: 'lut', name: 'LUT University', country: 'FI', kind: 'hei', erasmusCode: 'SF LAPPEEN01' },
    { id: 'but', name: 'Brno University of Technology', country: 'CZ', kind: 'hei', erasmusCode: 'CZ BRNO01' },
    { id: 'tuwien', name: 'Technische Universität Wien', country: 'AT', kind: 'hei', erasmusCode: 'A WIEN02' },
    { id: 'upm', name: 'Universidad Politécnica de Madrid', country: 'ES', kind: 'hei', erasmusCode: 'E MADRID05' },
    { id: 'skillhub', name: 'SkillHub Academy GmbH', country: 'DE', kind: 'provider' },
  ].map((i) => [i.id, Institution.parse(i)]),
);

const skill = (n: number) =>
  `http://data.europa.eu/esco/skill/${['c624c6a3-b0ba-4a31-a296-0d433fe47e41', 'd207a30b-2f80-4138-9b77-f88d549b8768', '7dd94ad3-13d6-43fe-8b94-51fcbf67ced9', '21d2f96d-35f7-4e3f-9745-c533d2dd6e97', 'ccd0a1d9-afda-43d9-b901-96344886e14d'][n % 5]}`;

const LANGUAGE: Record<string, string[]> = {
  luh: ['en', 'de'],
  lut: ['en', 'fi'],
  but: ['en', 'cs'],
  tuwien: ['de-AT', 'en'],
  upm: ['es', 'en'],
};
const COUNTRY: Record<string, string> = { luh: 'DE', lut: 'FI', but: 'CZ', tuwien: 'AT', upm: 'ES', skillhub: 'DE' };

export const credential = (id: string, institutionId: string, overrides: Partial<Credential> = {}): Credential =>
  Credential.parse({
    id,
    version: 1,
    institutionId,
    awardingBodies: [institutionId],
    title: `Micro-credential ${id}`,
    learningOutcomes: [
      `Explain the core methods of ${id}`,
      `Apply the methods of ${id} to an industrial case study and evaluate the result`,
    ],
    skills: [skill(id.length), skill(id.length + 1)],
    ects: 5,
    workloadHours: 150,
    eqfLevel: 7,
    assessment: 'project',
    participation: 'blended',
    qualityAssurance: 'external-esg',
    supervision: 'onsite-id',
    prerequisites: [],
    stackability: 'stackable',
    subjectArea: '0613',
    language: LANGUAGE[institutionId] ?? ['en'],
    status: 'published',
    countries: [COUNTRY[institutionId] ?? 'DE'],
    nanoCredential: false,
    createdAt: '2025-01-15T10:00:00.000Z',
    updatedAt: '2025-01-15T10:00:00.000Z',
    ...overrides,
  });

const QUOTA: Record<string, number> = { luh: 3, lut: 2, but: 2, tuwien: 3, upm: 2 };

/** Four published credentials per institution (as the demo seed), twelve of which make the master. */
export const catalogue: Credential[] = Object.keys(QUOTA).flatMap((inst) =>
  [1, 2, 3, 4].map((n) =>
    credential(`${inst}-mc${n}`, inst, n === 4 ? { subjectArea: '0714', prerequisites: [`${inst}-mc1`] } : {}),
  ),
);

export const jointMasterComponents: Credential[] = Object.entries(QUOTA).flatMap(([inst, count]) =>
  catalogue.filter((c) => c.institutionId === inst).slice(0, count),
);

export const jointMasterRule: Rule = Rule.parse({
  title: 'Joint Master in Sustainable Digital Engineering',
  award: 'joint-master',
  eqfLevel: 7,
  ects: { min: 60, max: 60 },
  components: {
    eqfMin: 7,
    ectsMin: 5,
    ectsMax: 5,
    qualityAssurance: ['external-esg', 'accredited-programme'],
    minSupervision: 'supervised-online',
    maxAgeYears: 5,
  },
  institutions: Object.entries(QUOTA).map(([id, n]) => ({ id, minCount: n, maxCount: n })),
  minCountries: 5,
});

export const jointMaster = {
  id: 'demo-joint-master',
  title: jointMasterRule.title,
  rule: jointMasterRule,
  agreedVersion: 2,
  contentHash: '9f2c4a6b1e0d3f5a7c9b8e2d4f6a1c3e5b7d9f0a2c4e6b8d0f1a3c5e7b9d2f4a',
};

export const microDegreeRule: Rule = Rule.parse({
  title: 'Micro-degree in Data Engineering',
  award: 'micro-degree',
  eqfLevel: 7,
  ects: { min: 15, max: 20 },
  requirements: [{ id: 'core', title: 'Core', from: { subjectAreas: ['0613'] }, minEcts: 10 }],
  exclusions: [['luh-mc1', 'lut-mc1']],
});

export const members = Object.keys(QUOTA);
