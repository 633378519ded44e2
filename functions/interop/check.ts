import { checkInteroperability } from '../../shared/app/interop/recognition.js';
import { InteroperabilityRequest } from '../../shared/schemas/interoperability.js';
import { baseUrl } from '../http/base-url.js';
import { route } from '../http/route.js';

export const handler = route({ body: InteroperabilityRequest }, async ({ deps, body, event }) => ({
  status: 200,
  body: await checkInteroperability(deps, body, baseUrl(event)),
}));
