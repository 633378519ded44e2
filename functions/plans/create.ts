import { savePlan } from '../../shared/app/plans/saved-plans.js';
import { PlanRequest } from '../../shared/schemas/plan.js';
import { baseUrl } from '../http/base-url.js';
import { route } from '../http/route.js';

export const handler = route({ body: PlanRequest }, async ({ deps, body, event }) => {
  const plan = await savePlan(deps, body, baseUrl(event));
  return { status: 201, body: plan, headers: { location: `/plans/${plan.id}` } };
});
