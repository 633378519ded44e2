import { getAlliance } from '../../shared/app/alliances.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ params, deps }) => ({
  status: 200,
  body: await getAlliance(deps, parseParam(AllianceId, params.id, 'id')),
}));
