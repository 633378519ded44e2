import { amendProgramme } from '../../shared/app/programmes/negotiate.js';
import { AmendRequest } from '../../shared/schemas/programme.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: AmendRequest, allow: ['coordinator', 'institution'], params: { id: ProgrammeId } },
  async ({ body, caller, deps, params }) => ({
    status: 201,
    body: await amendProgramme(deps, caller, params.id, body),
  }),
);
