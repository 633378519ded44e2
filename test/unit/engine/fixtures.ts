import type { Credential } from '../../../shared/schemas/credential.js';
import type { Rule } from '../../../shared/schemas/rule.js';
import type { EngineContext } from '../../../shared/engine/index.js';

/** A stored credential version with defaults for what a test does not care about. */
export const cred = (id: string, institutionId: string, over: Partial<Credential> = {}): Credential => ({
  id,
  version: 1,
  institutionId,
  awardingBodies: [institutionId],
  title: `Credential ${id}`,
  learningOutcomes: ['an outcome'],
  ects: 5,
  eqfLevel: 7,
  assessment: 'exam',
  participation: 'online',
  qualityAssurance: 'external-esg',
  stackability: 'stackable',
  status: 'published',
  countries: ['DE'],
  nanoCredential: (over.ects ?? 5) < 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

export const DEMO_INSTITUTIONS: EngineContext['institutions'] = {
  luh: { country: 'DE', kind: 'hei' },
  lut: { country: 'FI', kind: 'hei' },
  but: { country: 'CZ', kind: 'hei' },
  tuwien: { country: 'AT', kind: 'hei' },
  upm: { country: 'ES', kind: 'hei' },
};

/** SPEC §1: 60 CP, EQF 7, 3 LUH / 2 LUT / 2 BUT / 3 TU Wien / 2 UPM. */
export const jointMaster: Rule = {
  title: 'Joint Master',
  award: 'joint-master',
  eqfLevel: 7,
  ects: { min: 60, max: 60 },
  components: { eqfMin: 7 },
  institutions: [
    { id: 'luh', minCount: 3, maxCount: 3 },
    { id: 'lut', minCount: 2, maxCount: 2 },
    { id: 'but', minCount: 2, maxCount: 2 },
    { id: 'tuwien', minCount: 3, maxCount: 3 },
    { id: 'upm', minCount: 2, maxCount: 2 },
  ],
};

export const SHARES: Record<string, number> = { luh: 3, lut: 2, but: 2, tuwien: 3, upm: 2 };

/** Four 5 CP, EQF 7 offerings per demo institution. */
export const demoCatalogue = (): Credential[] =>
  Object.keys(DEMO_INSTITUTIONS).flatMap((inst) => [1, 2, 3, 4].map((k) => cred(`${inst}-${k}`, inst)));

export const demoContext = (rule: Rule = jointMaster, nested: Record<string, Rule> = {}): EngineContext => ({
  rule,
  nested,
  catalogue: demoCatalogue(),
  institutions: DEMO_INSTITUTIONS,
  members: Object.keys(DEMO_INSTITUTIONS),
});

/** Twelve credentials in the LUH model shares. */
export const luhModelSet = (): Credential[] =>
  Object.entries(SHARES).flatMap(([inst, k]) =>
    demoCatalogue()
      .filter((c) => c.institutionId === inst)
      .slice(0, k),
  );
