import { previewAmendment } from '../../shared/app/programmes/preview.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { PreviewRequest } from '../../shared/schemas/programme.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: PreviewRequest, allow: ['coordinator', 'institution'], params: { id: ProgrammeId } },
  async ({ body, caller, deps, params }) => ({
    status: 200,
    body: await previewAmendment(deps, caller, params.id, body.rule),
  }),
);
