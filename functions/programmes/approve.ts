import { approveProgramme } from '../../shared/app/programmes/negotiate.js';
import { ApprovalRequest } from '../../shared/schemas/programme.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: ApprovalRequest, allow: ['institution'] },
  async ({ body, caller, deps, params }) => ({
    status: 200,
    body: await approveProgramme(deps, caller, parseParam(ProgrammeId, params.id, 'id'), body),
  }),
);
