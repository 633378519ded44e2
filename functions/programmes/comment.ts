import { commentOnProgramme } from '../../shared/app/programmes/negotiate.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { CommentRequest } from '../../shared/schemas/programme.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: CommentRequest, allow: ['coordinator', 'institution'], params: { id: ProgrammeId } },
  async ({ body, caller, deps, params }) => ({
    status: 201,
    body: await commentOnProgramme(deps, caller, params.id, body),
  }),
);
