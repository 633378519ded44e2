import { listProgrammes } from '../../shared/app/programmes/read-programmes.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ query: PageQuery }, async ({ deps, params, query }) => ({
  status: 200,
  body: await listProgrammes(deps, parseParam(AllianceId, params.id, 'id'), query),
}));
