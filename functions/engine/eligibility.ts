import { eligibilityOf } from '../../shared/app/engine/composition-queries.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { EligibilityRequest } from '../../shared/schemas/engine-requests.js';
import { baseUrl } from '../http/base-url.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: EligibilityRequest, params: { id: ProgrammeId } },
  async ({ deps, params, body, event }) => ({
    status: 200,
    body: await eligibilityOf(deps, params.id, body, baseUrl(event)),
  }),
);
