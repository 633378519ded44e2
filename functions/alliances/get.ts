import { getAlliance } from '../../shared/app/alliances.js';
import { AllianceId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: AllianceId } }, async ({ params, deps }) => ({
  status: 200,
  body: await getAlliance(deps, params.id),
}));
