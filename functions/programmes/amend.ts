import { amendProgramme } from '../../shared/app/programmes/negotiate.js';
import { AmendRequest } from '../../shared/schemas/programme.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: AmendRequest, allow: ['coordinator', 'institution'] },
  async ({ body, caller, deps, params }) => ({
    status: 201,
    body: await amendProgramme(deps, caller, parseParam(ProgrammeId, params.id, 'id'), body),
  }),
);
