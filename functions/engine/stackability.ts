import { stackabilityOf } from '../../shared/app/engine/composition-queries.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { StackabilityRequest } from '../../shared/schemas/engine-requests.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: StackabilityRequest, params: { id: ProgrammeId } },
  async ({ deps, params, body }) => ({
    status: 200,
    body: await stackabilityOf(deps, params.id, body),
  }),
);
