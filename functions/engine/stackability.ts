import { stackabilityOf } from '../../shared/app/engine/composition-queries.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { StackabilityRequest } from '../../shared/schemas/engine-requests.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ body: StackabilityRequest }, async ({ deps, params, body }) => ({
  status: 200,
  body: await stackabilityOf(deps, parseParam(ProgrammeId, params.id, 'id'), body),
}));
