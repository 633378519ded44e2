import type { ExternalCredential } from '../../../shared/schemas/achievement.js';
import type { Credential } from '../../../shared/schemas/credential.js';
import type { Rule } from '../../../shared/schemas/rule.js';
import type { EngineContext, Held } from '../../../shared/engine/index.js';
import { cred } from './fixtures.js';
import { prng } from '../../support/prng.js';

const INSTS = ['a', 'b', 'c', 'd'];
const COUNTRIES: Record<string, string> = { a: 'DE', b: 'FI', c: 'DE', d: 'AT' };
const SKILLS = ['http://data.europa.eu/esco/skill/s1', 'http://data.europa.eu/esco/skill/s2'];
const QA = ['external-esg', 'accredited-programme', 'internal', 'non-academic-certification'] as const;
const SUP = ['unsupervised', 'supervised', 'supervised-online', 'onsite-id'] as const;

export interface Instance {
  ctx: EngineContext;
  held: Held[];
  set: Credential[];
  asOf: string;
}

const date = (r: ReturnType<typeof prng>) =>
  `${r.int(2019, 2026)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;

const randomRule = (r: ReturnType<typeof prng>, ids: string[], nested: boolean, strict = 1): Rule => {
  const min = r.pick([0, 5, 5, 10, 10, 15, 20]);
  const rule: Rule = {
    title: 'R',
    award: 'micro-degree',
    eqfLevel: 6,
    ects: { min, max: min + r.pick([0, 5, 10, 20, 30]) },
  };
  if (r.chance(0.4 * strict)) {
    const c: NonNullable<Rule['components']> = {};
    if (r.chance(0.3)) c.eqfMin = r.int(5, 6);
    if (r.chance(0.2)) c.ectsMin = r.pick([1, 2.5, 3]);
    if (r.chance(0.2)) c.ectsMax = r.pick([5, 10]);
    if (r.chance(0.2)) c.stackableOnly = r.chance(0.5);
    if (r.chance(0.15)) c.qualityAssurance = [r.pick(QA), r.pick(QA), r.pick(QA)];
    if (r.chance(0.15)) c.minSupervision = r.pick(SUP.slice(0, 2));
    if (r.chance(0.3)) c.maxAgeYears = r.pick([2, 3, 5, 0.5]);
    if (r.chance(0.2)) c.minScore = r.pick([0.3, 0.6]);
    rule.components = c;
  }
  if (r.chance(0.6 * strict)) {
    rule.institutions = INSTS.filter(() => r.chance(0.4)).map((id) => {
      const b: NonNullable<Rule['institutions']>[number] = { id };
      if (r.chance(0.5)) b.minCount = r.int(0, 1);
      if (r.chance(0.4)) b.maxCount = (b.minCount ?? 0) + r.int(0, 2);
      if (r.chance(0.3)) b.minEcts = r.pick([0, 5, 7.5]);
      if (r.chance(0.3)) b.maxEcts = (b.minEcts ?? 0) + r.pick([5, 10, 20]);
      return b;
    });
  }
  if (r.chance(0.3)) rule.membersOnly = r.chance(0.5);
  if (r.chance(0.4)) rule.externalMaxEcts = r.pick([0, 5, 10]);
  if (r.chance(0.3 * strict)) rule.minInstitutions = r.int(1, 3);
  if (r.chance(0.25 * strict)) rule.minCountries = r.int(1, 2);
  if (r.chance(0.6 * strict)) {
    rule.requirements = Array.from({ length: r.int(1, nested ? 1 : 2) }, (_, k) => {
      const kind = r.int(0, 3);
      const from =
        kind === 0
          ? { subjectAreas: [r.pick(['06', '0613', '07'])] }
          : kind === 1
            ? { credentials: ids.filter(() => r.chance(0.4)).concat(ids[0] ?? 'x0') }
            : kind === 2
              ? { skills: [r.pick(SKILLS)] }
              : { subjectAreas: ['061'], skills: [r.pick(SKILLS)] };
      const q: NonNullable<Rule['requirements']>[number] = { id: `q${k}`, title: `Requirement ${k}`, from };
      if (r.chance(0.6)) q.minEcts = r.pick([0, 2.5, 5, 7.5]);
      if (r.chance(0.5)) q.minCount = r.int(0, 2);
      if (q.minEcts === undefined && q.minCount === undefined) q.minCount = 1;
      return q;
    });
  }
  if (r.chance(0.4)) {
    rule.exclusions = Array.from({ length: r.int(1, 2) }, () => [r.pick(ids), r.pick(ids), r.pick(ids)])
      .map((g) => [...new Set(g)])
      .filter((g) => g.length >= 2);
  }
  return rule;
};

/** A random instance: at most 12 offerings (8 with a nested programme) and up to 2 external credentials. */
export const randomInstance = (seed: number): Instance => {
  const r = prng(seed);
  const nested = r.chance(0.25);
  const twoNested = nested && r.chance(0.3);
  const n = r.int(2, twoNested ? 6 : nested ? 8 : 12);
  const catalogue = Array.from({ length: n }, (_, k) => {
    const ects = r.pick([0.5, 1, 2.5, 3, 5, 5, 5, 10]);
    const over: Partial<Credential> = {
      ects,
      eqfLevel: r.int(5, 8) === 5 ? 5 : r.int(6, 8),
      stackability: r.chance(0.9) ? 'stackable' : 'standalone',
      qualityAssurance: r.pick(QA),
      nanoCredential: ects < 1,
    };
    if (r.chance(0.7)) over.supervision = r.pick(SUP);
    if (r.chance(0.8)) over.subjectArea = r.pick(['0611', '0613', '0712']);
    if (r.chance(0.5)) over.skills = SKILLS.filter(() => r.chance(0.5));
    over.participation = r.pick(['online', 'onsite', 'blended'] as const);
    if (r.chance(0.7)) over.language = [r.pick(['en', 'de-AT', 'fi'])];
    return cred(`x${k}`, r.pick(INSTS), over);
  });
  const ids = catalogue.map((c) => c.id);
  // Prerequisites (SPEC §5: plans respect them), sometimes in a chain.
  for (const c of catalogue)
    if (r.chance(0.25)) c.prerequisites = [r.pick(ids.filter((id) => id !== c.id).concat(ids[0] ?? 'x0'))];
  const rule = randomRule(r, ids, nested);
  const nestedRules: Record<string, Rule> = {};
  if (nested) {
    rule.programmes = twoNested ? ['n1', 'n2'] : ['n1'];
    for (const id of rule.programmes) {
      const inner = randomRule(r, ids, false, 0.4);
      inner.ects = { min: r.pick([2.5, 5, 7.5]), max: r.pick([10, 15]) };
      nestedRules[id] = inner;
    }
  }
  const members = INSTS.filter((id) => id !== 'd' || r.chance(0.5));
  const institutions = Object.fromEntries(
    INSTS.map((id) => [id, { country: COUNTRIES[id] ?? 'DE', kind: 'hei' as const }]),
  );
  const held: Held[] = catalogue
    .filter(() => r.chance(0.45))
    .map((c) => ({
      kind: 'registry',
      key: `held:${c.id}`,
      credential: c,
      issuedOn: date(r),
      ...(r.chance(0.6) ? { score: r.pick([0.2, 0.5, 0.9]) } : {}),
    }));
  for (let k = r.int(0, nested ? 1 : 2); k > 0; k--) {
    const ext: ExternalCredential = {
      title: `External ${k}`,
      issuer: r.pick(['X Academy', 'Y University']),
      country: r.pick(['FR', 'DE', 'IT']),
      ects: r.pick([2.5, 5]),
      eqfLevel: r.int(5, 8),
      qualityAssurance: r.pick(QA),
      issuedOn: date(r),
    };
    if (r.chance(0.5)) ext.subjectArea = r.pick(['0611', '0712']);
    if (r.chance(0.5)) ext.score = r.pick([0.4, 0.8]);
    if (r.chance(0.5)) ext.supervision = r.pick(SUP);
    held.push({ kind: 'external', key: `external:${k}`, external: ext });
  }
  const set = catalogue.filter(() => r.chance(0.5));
  return { ctx: { rule, nested: nestedRules, catalogue, institutions, members }, held, set, asOf: '2026-06-01' };
};
