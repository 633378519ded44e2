import { withdrawProgramme } from '../../shared/app/programmes/negotiate.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { WithdrawRequest } from '../../shared/schemas/programme.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: WithdrawRequest, allow: ['coordinator'], params: { id: ProgrammeId } },
  async ({ body, caller, deps, params }) => ({
    status: 200,
    body: await withdrawProgramme(deps, caller, params.id, body),
  }),
);
