import { registerInstitution } from '../../shared/app/institutions.js';
import { InstitutionDraft } from '../../shared/schemas/institution.js';
import { route } from '../http/route.js';

export const handler = route({ body: InstitutionDraft, allow: ['operator'] }, async ({ body, caller, deps }) => ({
  status: 201,
  body: await registerInstitution(deps, caller, body),
}));
