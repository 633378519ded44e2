import { createAlliance } from '../../shared/app/alliances.js';
import { AllianceDraft } from '../../shared/schemas/alliance.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: AllianceDraft, allow: ['operator', 'coordinator'] },
  async ({ body, caller, deps }) => ({ status: 201, body: await createAlliance(deps, caller, body) }),
);
