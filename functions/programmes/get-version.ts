import { getProgrammeVersion } from '../../shared/app/programmes/read-programmes.js';
import { ProgrammeId, VersionNumberParam } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: ProgrammeId, n: VersionNumberParam } }, async ({ deps, params }) => ({
  status: 200,
  body: await getProgrammeVersion(deps, params.id, params.n),
}));
