import { proposeProgramme } from '../../shared/app/programmes/negotiate.js';
import { ProposeRequest } from '../../shared/schemas/programme.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: ProposeRequest, allow: ['coordinator', 'institution'], params: { id: AllianceId } },
  async ({ body, caller, deps, params }) => ({
    status: 201,
    body: await proposeProgramme(deps, caller, params.id, body.rule),
  }),
);
