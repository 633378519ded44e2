import { getInstitution } from '../../shared/app/institutions.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ params, deps }) => ({
  status: 200,
  body: await getInstitution(deps, params.id ?? ''),
}));
