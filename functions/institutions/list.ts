import { listInstitutions } from '../../shared/app/institutions.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { route } from '../http/route.js';

export const handler = route({ query: PageQuery }, async ({ query, deps }) => ({
  status: 200,
  body: await listInstitutions(deps, query),
}));
