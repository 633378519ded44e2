import { DomainError, notFound } from '../../domain/errors.js';
import { assertPlanFits, hashPlanKey, isExpired, planExpiry } from '../../domain/plan.js';
import type { PlanRequest, SavedPlan } from '../../schemas/plan.js';
import { eligibilityOf } from '../engine/composition-queries.js';
import type { PlanDeps } from './plan-deps.js';

/*
 * Saved plans (SPEC §4, docs/saved-plans.md): no account, so the id is the right to read (128
 * random bits) and the delete key, shown once, the right to delete. Nothing is stored but what the
 * learner sent, the answer, and the plan's id, dates and key hash.
 */

/** POST /plans: the eligibility answer of the programme for the achievements sent, kept for a year. */
export const savePlan = async (deps: PlanDeps, request: PlanRequest, baseUrl?: string) => {
  const { programmeId, ...eligibility } = request;
  const answer = await eligibilityOf(deps, programmeId, eligibility, baseUrl);
  const createdAt = deps.clock.now();
  const plan: SavedPlan = {
    ...request,
    id: deps.planSecrets.planId(),
    answer,
    createdAt,
    expiresAt: planExpiry(createdAt),
  };
  assertPlanFits(plan);
  const deleteKey = deps.planSecrets.deleteKey();
  await deps.plans.create(plan, hashPlanKey(deleteKey));
  return { ...plan, deleteKey };
};

/** GET /plans/{id}: an expired plan is gone, even before the store's TTL has removed it. */
export const getPlan = async (deps: PlanDeps, id: string): Promise<SavedPlan> => {
  const plan = await deps.plans.get(id);
  if (!plan || isExpired(plan, deps.clock.now())) throw notFound(`plan ${id}`);
  return plan;
};

/** DELETE /plans/{id} with the plan's delete key. */
export const deletePlan = async (deps: PlanDeps, id: string, deleteKey: string): Promise<void> => {
  await getPlan(deps, id);
  const outcome = await deps.plans.delete(id, hashPlanKey(deleteKey));
  if (outcome === 'not-found') throw notFound(`plan ${id}`);
  if (outcome === 'wrong-key')
    throw new DomainError('FORBIDDEN', 'Plan-Key is not the delete key of this plan', [
      { path: '(header) Plan-Key', message: 'does not match' },
    ]);
};
