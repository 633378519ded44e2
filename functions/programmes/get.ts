import { getProgramme } from '../../shared/app/programmes/read-programmes.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: ProgrammeId } }, async ({ deps, params }) => ({
  status: 200,
  body: await getProgramme(deps, params.id),
}));
