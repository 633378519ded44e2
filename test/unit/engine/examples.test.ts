import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  checkStackability,
  CursorError,
  findPathways,
  type Held,
} from '../../../shared/engine/index.js';
import { benchInstance } from '../../bench/instances.js';
import { cred, demoCatalogue, demoContext, jointMaster, luhModelSet } from './fixtures.js';

const held = (creds: ReturnType<typeof demoCatalogue>, issuedOn = '2026-01-10'): Held[] =>
  creds.map((c) => ({ kind: 'registry', key: c.id, credential: c, issuedOn }));

describe('stackability', () => {
  it('accepts the 3/2/2/3/2 joint master of twelve 5 CP credentials', () => {
    const answer = checkStackability(demoContext(), luhModelSet());
    expect(answer).toMatchObject({ valid: true, extendable: true, totalEcts: 60, violations: [] });
    expect(answer.allocation.electives).toHaveLength(12);
  });

  it('names the institution bound a set falls short of', () => {
    const set = luhModelSet().filter((c) => c.id !== 'upm-2');
    const answer = checkStackability(demoContext(), set);
    expect(answer.valid).toBe(false);
    expect(answer.extendable).toBe(true);
    expect(answer.violations.map((v) => v.rule)).toContain('institutions.upm.minCount');
  });

  it('does not count an EQF 6 credential and says why', () => {
    const set = [...luhModelSet().filter((c) => c.id !== 'luh-1'), cred('luh-x', 'luh', { eqfLevel: 6 })];
    const answer = checkStackability(demoContext(), set);
    expect(answer.valid).toBe(false);
    expect(answer.violations.map((v) => v.rule)).toContain('components.eqfMin');
    expect(answer.allocation.notCounted.map((n) => n.credentialId)).toContain('luh-x');
  });
});

describe('eligibility', () => {
  it('plans the cheapest completion and says what is missing in plain words', () => {
    const answer = checkEligibility(demoContext(), held(luhModelSet().filter((c) => c.id !== 'upm-2')), '2026-06-01');
    expect(answer.eligible).toBe(false);
    expect(answer.plan).toMatchObject({ additionalEcts: 5, optimal: true });
    expect(answer.plan?.add).toHaveLength(1);
    expect(answer.missing[0]?.message).toBe('needs 1 more credential from UPM (5 ECTS)');
    expect(answer.notice).toMatch(/no automatic entitlement/);
  });

  it('finds a learner with the full set eligible with an empty plan', () => {
    const answer = checkEligibility(demoContext(), held(luhModelSet()), '2026-06-01');
    expect(answer).toMatchObject({ eligible: true, missing: [], plan: { add: [], additionalEcts: 0 } });
    expect(answer.counted).toHaveLength(12);
  });

  it('does not count an achievement older than maxAgeYears, and plans to re-earn it', () => {
    const ctx = demoContext({ ...jointMaster, components: { eqfMin: 7, maxAgeYears: 2 } });
    const set = luhModelSet();
    const answer = checkEligibility(ctx, held(set, '2020-01-01'), '2026-06-01');
    expect(answer.eligible).toBe(false);
    expect(answer.counted).toEqual([]);
    // SPEC §5: the plan may re-earn a held credential that does not count for its age.
    expect(answer.status).toBe('optimal');
    expect(answer.plan?.additionalEcts).toBe(60);
    expect(answer.plan?.add).toHaveLength(12);
  });
});

describe('time budget', () => {
  it('says a plan is not proven optimal, never infeasible, when the budget runs out', () => {
    const { ctx, held, asOf } = benchInstance(1000, 3);
    let t = 0;
    const answer = checkEligibility(ctx, held, asOf, { timeBudgetMs: 5, now: () => (t += 1000) });
    expect(['feasible-not-proven', 'not-found-in-budget']).toContain(answer.status);
    expect(answer.plan?.optimal ?? false).toBe(false);
    expect(answer.missing.map((m) => m.rule)).toContain(answer.plan ? 'ects.min' : 'budget');
  });
});

describe('requirements and vertical stacking', () => {
  const core = { id: 'core', title: 'Core', from: { subjectAreas: ['061'] }, minEcts: 10 };
  const degree = {
    title: 'Micro-degree',
    award: 'micro-degree' as const,
    eqfLevel: 7,
    ects: { min: 15, max: 15 },
    institutions: [
      { id: 'luh', minCount: 1 },
      { id: 'lut', minCount: 1 },
      { id: 'but', minCount: 1 },
    ],
  };

  it('allocates matching credentials to the requirement and the rest to electives', () => {
    const ctx = demoContext({ ...jointMaster, requirements: [core] });
    const set = luhModelSet().map((c, i) => (i < 2 ? { ...c, subjectArea: '0613' } : c));
    const answer = checkStackability(ctx, set);
    expect(answer.valid).toBe(true);
    expect(answer.allocation.requirements.core).toEqual([set[0]?.id, set[1]?.id]);
    expect(answer.allocation.electives).toHaveLength(10);
  });

  it('names the requirement a set misses', () => {
    const answer = checkStackability(demoContext({ ...jointMaster, requirements: [core] }), luhModelSet());
    expect(answer.valid).toBe(false);
    expect(answer.violations.map((v) => v.rule)).toContain('requirements.core.minEcts');
  });

  it('satisfies a nested micro-degree inside the joint master', () => {
    const ctx = demoContext({ ...jointMaster, programmes: ['md'] }, { md: degree });
    const answer = checkStackability(ctx, luhModelSet());
    expect(answer.valid).toBe(true);
    const part = answer.allocation.programmes?.md ?? [];
    expect(part).toHaveLength(3);
    expect(new Set(part.map((id) => id.split('-')[0]))).toEqual(new Set(['luh', 'lut', 'but']));
  });

  it('rejects a master whose nested programme is unknown', () => {
    const answer = checkStackability(demoContext({ ...jointMaster, programmes: ['nope'] }), luhModelSet());
    expect(answer.valid).toBe(false);
    expect(answer.violations.map((v) => v.rule)).toContain('programmes.nope');
  });
});

describe('pathways', () => {
  it('counts every 3/2/2/3/2 choice from four offerings per institution', () => {
    const answer = findPathways(demoContext(), {});
    // C(4,3)·C(4,2)·C(4,2)·C(4,3)·C(4,2) = 4·6·6·4·6
    expect(answer).toMatchObject({ total: '3456', exact: true });
    expect(answer.pathways).toHaveLength(20);
    expect(answer.pathways[0]?.totalEcts).toBe(60);
  });

  it('pages through every composition exactly once', () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = findPathways(demoContext(), {
        limit: 100,
        include: ['luh-1', 'upm-4'],
        ...(cursor ? { cursor } : {}),
      });
      for (const p of page.pathways) seen.add(p.credentials.join(','));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(3 * 6 * 6 * 4 * 3);
    expect(pages).toBe(Math.ceil(seen.size / 100));
  });

  it('rejects a malformed cursor', () => {
    expect(() => findPathways(demoContext(), { cursor: 'not a cursor' })).toThrow(CursorError);
    expect(() => findPathways(demoContext(), { cursor: Buffer.from('{"v":2}').toString('base64url') })).toThrow(
      CursorError,
    );
  });

  it('asks for the first page again on a cursor of the earlier listing order', () => {
    const old = Buffer.from(JSON.stringify({ v: 1, after: ['luh-1@1'] })).toString('base64url');
    expect(() => findPathways(demoContext(), { cursor: old })).toThrow(/earlier listing order/);
  });

  it('keeps excluded offerings out of every composition', () => {
    const answer = findPathways(demoContext(), { exclude: ['luh-1'] });
    expect(answer.total).toBe(String(1 * 6 * 6 * 4 * 6));
    expect(answer.pathways.every((p) => !p.credentials.includes('luh-1'))).toBe(true);
  });
});
