import { withdrawProgramme } from '../../shared/app/programmes/negotiate.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ allow: ['coordinator'] }, async ({ caller, deps, params }) => ({
  status: 200,
  body: await withdrawProgramme(deps, caller, parseParam(ProgrammeId, params.id, 'id')),
}));
