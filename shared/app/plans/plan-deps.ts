import type { PlanRepository } from '../../ports/plan-repository.js';
import type { PlanSecrets } from '../../ports/plan-secrets.js';
import type { Deps } from '../deps.js';

/** What the saved-plan use-cases touch besides the registry: the plans' own items and their secrets. */
export interface PlanDeps extends Deps {
  readonly plans: PlanRepository;
  readonly planSecrets: PlanSecrets;
}
