import { proposeProgramme } from '../../shared/app/programmes/negotiate.js';
import { ProposeRequest } from '../../shared/schemas/programme.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: ProposeRequest, allow: ['coordinator', 'institution'] },
  async ({ body, caller, deps, params }) => ({
    status: 201,
    body: await proposeProgramme(deps, caller, parseParam(AllianceId, params.id, 'id'), body.rule),
  }),
);
