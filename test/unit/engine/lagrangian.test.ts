import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { heldEntry, planCandidates } from '../../../shared/engine/entries.js';
import { mipApplies, solveByMip } from '../../../shared/engine/exact-mip.js';
import { loadMipSolver, type MipSolver } from '../../../shared/engine/index.js';
import {
  type Multipliers,
  noPrices,
  priceSearch,
  relax,
  strongestRelaxation,
} from '../../../shared/engine/lagrangian.js';
import { compileWithPrerequisites } from '../../../shared/engine/prerequisites.js';
import type { EngineContext, Held } from '../../../shared/engine/types.js';
import { familyInstance } from '../../bench/family.js';
import { randomInstance } from './random-instance.js';

/*
 * The relaxation is only useful if it never passes the optimum: a bound too high would cut the
 * optimal plan out of the search. Any prices λ, μ ≥ 0 must give a valid bound, so they are drawn at
 * random here, and the optimum comes from the engine's MIP model solved by HiGHS, which shares no
 * code with the relaxation.
 */

let mip: MipSolver;
beforeAll(async () => {
  mip = await loadMipSolver();
});

const planProblem = (ctx: EngineContext, held: readonly Held[], asOf: string) => {
  const heldIds = new Set(held.flatMap((h) => (h.kind === 'registry' ? [h.credential.id] : [])));
  return compileWithPrerequisites(ctx, [...held.map(heldEntry), ...planCandidates(ctx, heldIds)], heldIds, asOf);
};

const boundsHold = (ctx: EngineContext, held: readonly Held[], asOf: string, prices: readonly number[]) => {
  const p = planProblem(ctx, held, asOf);
  if (!mipApplies(p)) return;
  const exact = solveByMip(p, mip, 20_000);
  const unit = p.big * p.tieScale;
  const drawn: Multipliers = {
    perUnit: p.spec.reqs.map((_, r) => (prices[r] ?? 0) * unit),
    perCredential: p.spec.reqs.map((_, r) => (prices[prices.length - 1 - r] ?? 0) * 4 * unit),
  };
  // The search over prices one rise at a time, as the plan search takes it: every step a bound,
  // each higher than the last, ending where the whole search ends.
  const search = priceSearch(p);
  const rises = [search.best()];
  while (search.improve()) rises.push(search.best());
  const strongest = strongestRelaxation(p);
  for (let k = 1; k < rises.length; k++) expect(rises[k]?.bound).toBeGreaterThan(rises[k - 1]?.bound ?? 0);
  expect(rises.at(-1)?.bound).toBe(strongest.bound);
  const relaxations = [relax(p, noPrices(p)).complete(), relax(p, drawn).complete(), strongest, ...rises];
  if (exact.status === 'infeasible') return;
  expect(exact.status).toBe('optimal');
  const items = exact.items ?? [];
  const optimum = items.reduce((s, i) => s + (p.items[i]?.cost ?? 0), 0);
  for (const r of relaxations) {
    expect(r.bound).toBeLessThanOrEqual(optimum + 1e-6);
    // Every credential of an optimal plan is in a plan of the optimum's cost: its bound allows it.
    for (const i of items) expect(r.boundWith(i)).toBeLessThanOrEqual(optimum + 1e-6);
  }
};

const prices = fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 });

describe('the Lagrangian relaxation', () => {
  it('never bounds a plan above the optimum, under any prices, on every rule feature', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), prices, (seed, drawn) => {
        const { ctx, held, asOf } = randomInstance(seed);
        boundsHold(ctx, held, asOf, drawn);
      }),
      { numRuns: 150 },
    );
  });

  it('never bounds a plan above the optimum on the family at 30 to 120 offerings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 120 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        prices,
        (size, seed, drawn) => {
          const { ctx, held, asOf } = familyInstance(size, seed);
          boundsHold(ctx, held, asOf, drawn);
        },
      ),
      { numRuns: 25 },
    );
  });
});
