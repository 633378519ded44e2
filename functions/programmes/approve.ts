import { approveProgramme } from '../../shared/app/programmes/negotiate.js';
import { ApprovalRequest } from '../../shared/schemas/programme.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: ApprovalRequest, allow: ['institution'], params: { id: ProgrammeId } },
  async ({ body, caller, deps, params }) => ({
    status: 200,
    body: await approveProgramme(deps, caller, params.id, body),
  }),
);
