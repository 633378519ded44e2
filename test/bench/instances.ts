import type { EngineContext, Held } from '../../shared/engine/index.js';
import type { Credential } from '../../shared/schemas/credential.js';
import type { Rule } from '../../shared/schemas/rule.js';
import { prng } from '../support/prng.js';
import { cred } from '../unit/engine/fixtures.js';

/*
 * Seeded benchmark instances (docs/engine.md, "Tests and benchmark"): 10 institutions in 6 countries, offerings of typically
 * 5 ECTS with some 2.5, 3 and 10, three requirements by subject area and skill (one pair
 * overlapping, so some offerings could fill either), exclusion groups (some across institutions),
 * per-institution bounds, distinct institution and country minimums, and a learner holding a few
 * of the offerings.
 */

const INSTITUTIONS = ['luh', 'lut', 'but', 'tuwien', 'upm', 'uva', 'kul', 'lmu', 'ucd', 'uio'];
const COUNTRY: Record<string, string> = {
  luh: 'DE',
  lut: 'FI',
  but: 'CZ',
  tuwien: 'AT',
  upm: 'ES',
  uva: 'NL',
  kul: 'BE',
  lmu: 'DE',
  ucd: 'IE',
  uio: 'NO',
};
const AREAS = ['0611', '0612', '0613', '0714', '0413', '0533'];
const SKILL = (k: number) => `http://data.europa.eu/esco/skill/bench-${k}`;

/**
 * The unmeasured instances both benches warm up on, per family and size, and how often each is
 * answered (docs/engine.md, "warm-up across instances"): a function that has served requests of
 * many shapes has long finished compiling its hot paths; one that has seen one instance has not.
 */
export const WARM_UP_SEEDS = [995, 996, 997, 998, 999];
export const WARM_UP_ANSWERS = 4;

export interface BenchInstance {
  name: string;
  ctx: EngineContext;
  held: Held[];
  asOf: string;
}

/** A published offering of the bench: the engine tests' stored credential, titled by its id. */
export const offering = (id: string, institutionId: string, ects: number, over: Partial<Credential> = {}): Credential =>
  cred(id, institutionId, {
    title: id,
    learningOutcomes: ['outcome'],
    ects,
    countries: [COUNTRY[institutionId] ?? 'DE'],
    ...over,
  });

export const benchInstance = (size: number, seed: number): BenchInstance => {
  const r = prng(seed * 1_000_003 + size);
  const catalogue: Credential[] = Array.from({ length: size }, (_, k) => {
    const inst = INSTITUTIONS[k % INSTITUTIONS.length] ?? 'luh';
    const roll = r.next();
    const ects = roll < 0.7 ? 5 : roll < 0.8 ? 2.5 : roll < 0.9 ? 3 : 10;
    return offering(`${inst}-${String(k).padStart(4, '0')}`, inst, ects, {
      eqfLevel: r.next() < 0.9 ? 7 : 6,
      subjectArea: r.pick(AREAS),
      skills: r.next() < 0.3 ? [SKILL(r.int(1, 3))] : [],
    });
  });
  const ids = catalogue.map((c) => c.id);
  const rule: Rule = {
    title: 'Bench master',
    award: 'joint-master',
    eqfLevel: 7,
    ects: { min: 60, max: 65 },
    components: { eqfMin: 7 },
    institutions: INSTITUTIONS.slice(0, 6).map((id, k) => ({
      id,
      minCount: k < 3 ? 2 : 1,
      maxCount: k < 3 ? 4 : 3,
      ...(k === 0 ? { minEcts: 10 } : {}),
      ...(k === 5 ? { maxEcts: 10 } : {}),
    })),
    minInstitutions: 7,
    minCountries: 5,
    requirements: [
      { id: 'core', title: 'Core ICT', from: { subjectAreas: ['061'] }, minEcts: 20, minCount: 3 },
      { id: 'data', title: 'Data and engineering', from: { subjectAreas: ['0613', '0714'] }, minEcts: 10, minCount: 2 },
      { id: 'skills', title: 'Transferable skills', from: { skills: [SKILL(1), SKILL(2)] }, minCount: 1 },
    ],
    exclusions: Array.from({ length: Math.max(2, Math.floor(size / 15)) }, () => [
      r.pick(ids),
      r.pick(ids),
      r.pick(ids),
    ])
      .map((g) => [...new Set(g)])
      .filter((g) => g.length >= 2),
  };
  const held: Held[] = [];
  const heldIds = new Set<string>();
  while (held.length < Math.min(6, Math.floor(size / 5))) {
    const c = r.pick(catalogue);
    if (heldIds.has(c.id)) continue;
    heldIds.add(c.id);
    held.push({ kind: 'registry', key: c.id, credential: c, issuedOn: '2025-09-01' });
  }
  const institutions = Object.fromEntries(
    INSTITUTIONS.map((id) => [id, { country: COUNTRY[id] ?? 'DE', kind: 'hei' as const }]),
  );
  return {
    name: `n${size}-s${seed}`,
    ctx: { rule, nested: {}, catalogue, institutions, members: INSTITUTIONS },
    held,
    asOf: '2026-06-01',
  };
};

/** 10 institutions × 100 offerings for the pathway count: the LUH model with mixed sizes. */
export const countInstance = (): EngineContext => {
  const r = prng(42);
  const catalogue = INSTITUTIONS.flatMap((inst) =>
    Array.from({ length: 100 }, (_, k) => {
      const roll = r.next();
      return offering(
        `${inst}-${String(k).padStart(3, '0')}`,
        inst,
        roll < 0.7 ? 5 : roll < 0.8 ? 2.5 : roll < 0.9 ? 3 : 10,
      );
    }),
  );
  const rule: Rule = {
    title: 'Count master',
    award: 'joint-master',
    eqfLevel: 7,
    ects: { min: 60, max: 75 },
    institutions: INSTITUTIONS.map((id, k) => ({ id, minCount: k < 5 ? 1 : 0, maxCount: 3, maxEcts: 15 })),
    minInstitutions: 6,
    minCountries: 5,
  };
  const institutions = Object.fromEntries(
    INSTITUTIONS.map((id) => [id, { country: COUNTRY[id] ?? 'DE', kind: 'hei' as const }]),
  );
  return { rule, nested: {}, catalogue, institutions, members: INSTITUTIONS };
};
