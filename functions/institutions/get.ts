import { getInstitution } from '../../shared/app/institutions.js';
import { InstitutionId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: InstitutionId } }, async ({ params, deps }) => ({
  status: 200,
  body: await getInstitution(deps, params.id),
}));
