import { getAlliance } from '../../shared/app/alliances.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ params, deps }) => ({ status: 200, body: await getAlliance(deps, params.id ?? '') }));
