import { getPlan } from '../../shared/app/plans/saved-plans.js';
import { PlanId } from '../../shared/schemas/plan.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ deps, params }) => ({
  status: 200,
  body: await getPlan(deps, parseParam(PlanId, params.id, 'id')),
  // Whoever has the link may read the plan; shared caches should not keep a copy of learner data.
  headers: { 'cache-control': 'private, no-store' },
}));
