import { getPlan } from '../../shared/app/plans/saved-plans.js';
import { PlanId } from '../../shared/schemas/plan.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

// Whoever has the link may read the plan; like every answer it carries Cache-Control: no-store (security-headers.ts).
export const handler = route({}, async ({ deps, params }) => ({
  status: 200,
  body: await getPlan(deps, parseParam(PlanId, params.id, 'id')),
}));
