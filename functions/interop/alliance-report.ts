import { allianceInteroperability } from '../../shared/app/interop/recognition.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ deps, params }) => ({
  status: 200,
  body: await allianceInteroperability(deps, parseParam(AllianceId, params.id, 'id')),
}));
