import { getPlan } from '../../shared/app/plans/saved-plans.js';
import { PlanId } from '../../shared/schemas/plan.js';
import { route } from '../http/route.js';

// Whoever has the link may read the plan; like every answer it carries Cache-Control: no-store (security-headers.ts).
export const handler = route({ params: { id: PlanId } }, async ({ deps, params }) => ({
  status: 200,
  body: await getPlan(deps, params.id),
}));
