import { deletePlan } from '../../shared/app/plans/saved-plans.js';
import { DomainError } from '../../shared/domain/errors.js';
import { PlanId, PlanKey } from '../../shared/schemas/plan.js';
import { header } from '../http/request.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: PlanId } }, async ({ deps, params, event }) => {
  const key = PlanKey.safeParse(header(event, 'plan-key'));
  if (!key.success) {
    const message =
      header(event, 'plan-key') === undefined
        ? 'the Plan-Key header is required'
        : (key.error.issues[0]?.message ?? 'invalid');
    throw new DomainError('VALIDATION_FAILED', message, [{ path: '(header) Plan-Key', message }]);
  }
  await deletePlan(deps, params.id, key.data);
  return { status: 204, body: undefined };
});
