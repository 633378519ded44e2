import { listProgrammes } from '../../shared/app/programmes/read-programmes.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { route } from '../http/route.js';

export const handler = route({ query: PageQuery, params: { id: AllianceId } }, async ({ deps, params, query }) => ({
  status: 200,
  body: await listProgrammes(deps, params.id, query),
}));
