import { addMember } from '../../shared/app/alliances.js';
import { AllianceId, InstitutionId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ allow: ['operator', 'coordinator'] }, async ({ params, caller, deps }) => {
  const { alliance, added } = await addMember(
    deps,
    caller,
    parseParam(AllianceId, params.id, 'id'),
    parseParam(InstitutionId, params.institutionId, 'institutionId'),
  );
  return { status: added ? 201 : 200, body: alliance };
});
