import { registerInstitution } from '../../shared/app/institutions.js';
import { Institution } from '../../shared/schemas/institution.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: Institution, allow: ['operator'] },
  async ({ body, caller, deps }) => ({ status: 201, body: await registerInstitution(deps, caller, body) }),
);
