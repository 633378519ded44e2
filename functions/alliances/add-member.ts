import { addMember } from '../../shared/app/alliances.js';
import { AllianceId, InstitutionId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  { allow: ['operator', 'coordinator'], params: { id: AllianceId, institutionId: InstitutionId } },
  async ({ params, caller, deps }) => {
    const { alliance, added } = await addMember(deps, caller, params.id, params.institutionId);
    return { status: added ? 201 : 200, body: alliance };
  },
);
