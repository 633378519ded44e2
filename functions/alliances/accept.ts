import { acceptInvitation } from '../../shared/app/alliances.js';
import { AllianceId, InstitutionId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ allow: ['institution'] }, async ({ params, caller, deps }) => ({
  status: 200,
  body: await acceptInvitation(
    deps,
    caller,
    parseParam(AllianceId, params.id, 'id'),
    parseParam(InstitutionId, params.institutionId, 'institutionId'),
  ),
}));
