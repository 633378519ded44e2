import type { EngineContext, Held } from '../../shared/engine/index.js';
import type { Credential } from '../../shared/schemas/credential.js';
import type { Rule } from '../../shared/schemas/rule.js';
import { prng } from '../support/prng.js';
import { offering } from './instances.js';

/*
 * A family of programmes and learners unlike the bench's own shape (docs/engine.md, "Instance
 * families"): ten member institutions with n/10 offerings each and one outside institution whose
 * three offerings learners may hold; ECTS drawn uniformly from {2, 3, 4, 5, 6, 8, 10}; 15 % of
 * offerings below the rule's EQF minimum; eight of ten institutions bounded; three requirements
 * over overlapping subject areas; two exclusion groups; learners holding 8–11 credentials, often
 * two of one exclusion group. The counting variant drops requirements and exclusions.
 */

const MEMBERS = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'];
const OUTSIDE = 'ext';
const COUNTRY: Record<string, string> = {
  m0: 'DE',
  m1: 'FI',
  m2: 'CZ',
  m3: 'AT',
  m4: 'ES',
  m5: 'NL',
  m6: 'BE',
  m7: 'DE',
  m8: 'IE',
  m9: 'NO',
  ext: 'FR',
};
const ECTS = [2, 3, 4, 5, 6, 8, 10];
const AREAS = ['0613', '0612', '0541', '0542', '0311', '0413'];

export interface FamilyInstance {
  name: string;
  ctx: EngineContext;
  held: Held[];
  asOf: string;
}

/**
 * `plan`: the family as described above; `count`: without requirements and exclusions;
 * `prerequisites`: the plan family with one offering in ten requiring another of its institution.
 */
export const familyInstance = (
  size: number,
  seed: number,
  variant: 'plan' | 'count' | 'prerequisites' = 'plan',
): FamilyInstance => {
  const r = prng(seed * 7_919 + size * 104_729 + 17);
  const perMember = Math.max(1, Math.round(size / MEMBERS.length));
  const catalogue: Credential[] = [];
  for (const inst of [...MEMBERS, OUTSIDE]) {
    const n = inst === OUTSIDE ? 3 : perMember;
    for (let k = 0; k < n; k++) {
      catalogue.push(
        offering(`${inst}-${String(k).padStart(4, '0')}`, inst, r.pick(ECTS), {
          eqfLevel: r.chance(0.85) ? 7 : 6,
          subjectArea: r.pick(AREAS),
          countries: [COUNTRY[inst] ?? 'DE'],
        }),
      );
    }
  }
  const memberOfferings = catalogue.filter((c) => c.institutionId !== OUTSIDE);
  if (variant === 'prerequisites') {
    for (const c of memberOfferings) {
      if (!r.chance(0.1)) continue;
      const mine = memberOfferings.filter((o) => o.institutionId === c.institutionId && o.id !== c.id);
      if (mine.length > 0) c.prerequisites = [r.pick(mine).id];
    }
  }
  const bounded = [...MEMBERS].sort(() => r.next() - 0.5).slice(0, 8);
  const institutions: NonNullable<Rule['institutions']> = bounded.map((id) => ({
    id,
    minCount: r.int(0, 2),
    maxCount: r.int(3, 5),
    ...(r.chance(0.3) ? { maxEcts: r.int(15, 25) } : {}),
  }));
  const rule: Rule = {
    title: `Family master n${size} s${seed}`,
    award: 'joint-master',
    eqfLevel: 7,
    ects: { min: 60, max: r.int(60, 64) },
    components: { eqfMin: 7 },
    institutions,
  };
  if (variant !== 'count') {
    const withCount = r.int(0, 2);
    rule.requirements = [0, 1, 2].map((k) => {
      const areas = [...new Set([r.pick(AREAS), ...(r.chance(0.5) ? [r.pick(AREAS)] : [])])];
      return {
        id: `req${k}`,
        title: `Requirement ${k}`,
        from: { subjectAreas: areas },
        minEcts: r.int(10, 15),
        ...(k === withCount ? { minCount: r.int(2, 3) } : {}),
      };
    });
    rule.exclusions = [0, 1].map(() => {
      const group = new Set<string>();
      const want = r.int(2, 3);
      while (group.size < want) group.add(r.pick(memberOfferings).id);
      return [...group];
    });
  }
  const held: Held[] = [];
  const heldIds = new Set<string>();
  const hold = (c: Credential) => {
    if (heldIds.has(c.id)) return;
    heldIds.add(c.id);
    const issued = `202${r.int(3, 5)}-${String(r.int(1, 12)).padStart(2, '0')}-15`;
    held.push({ kind: 'registry', key: c.id, credential: c, issuedOn: issued });
  };
  const outside = catalogue.filter((c) => c.institutionId === OUTSIDE);
  for (let k = r.int(1, 2); k > 0; k--) hold(r.pick(outside));
  const group = rule.exclusions?.[0];
  if (group && r.chance(0.6))
    for (const id of group.slice(0, 2)) hold(catalogue.find((c) => c.id === id) as Credential);
  const want = r.int(8, 11);
  while (held.length < want) hold(r.pick(memberOfferings));
  const institutionsInfo = Object.fromEntries(
    [...MEMBERS, OUTSIDE].map((id) => [id, { country: COUNTRY[id] ?? 'DE', kind: 'hei' as const }]),
  );
  return {
    name: `family-${variant}-n${size}-s${seed}`,
    ctx: { rule, nested: {}, catalogue, institutions: institutionsInfo, members: MEMBERS },
    held,
    asOf: '2026-06-01',
  };
};
