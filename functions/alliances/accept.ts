import { acceptInvitation } from '../../shared/app/alliances.js';
import { AllianceId, InstitutionId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  { allow: ['institution'], params: { id: AllianceId, institutionId: InstitutionId } },
  async ({ params, caller, deps }) => ({
    status: 200,
    body: await acceptInvitation(deps, caller, params.id, params.institutionId),
  }),
);
