import { getProgrammeHistory } from '../../shared/app/programmes/read-programmes.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { route } from '../http/route.js';

export const handler = route({ query: PageQuery, params: { id: ProgrammeId } }, async ({ deps, params, query }) => ({
  status: 200,
  body: await getProgrammeHistory(deps, params.id, query),
}));
