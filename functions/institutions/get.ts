import { getInstitution } from '../../shared/app/institutions.js';
import { InstitutionId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ params, deps }) => ({
  status: 200,
  body: await getInstitution(deps, parseParam(InstitutionId, params.id, 'id')),
}));
