import { addMember } from '../../shared/app/alliances.js';
import { route } from '../http/route.js';

export const handler = route({ allow: ['operator', 'coordinator'] }, async ({ params, caller, deps }) => {
  const { alliance, added } = await addMember(deps, caller, params.id ?? '', params.institutionId ?? '');
  return { status: added ? 201 : 200, body: alliance };
});
