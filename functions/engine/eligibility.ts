import { eligibilityOf } from '../../shared/app/engine/composition-queries.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { EligibilityRequest } from '../../shared/schemas/engine-requests.js';
import { baseUrl } from '../http/base-url.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ body: EligibilityRequest }, async ({ deps, params, body, event }) => ({
  status: 200,
  body: await eligibilityOf(deps, parseParam(ProgrammeId, params.id, 'id'), body, baseUrl(event)),
}));
