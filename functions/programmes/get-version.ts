import { getProgrammeVersion } from '../../shared/app/programmes/read-programmes.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { parseParam, VersionNumber } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ deps, params }) => ({
  status: 200,
  body: await getProgrammeVersion(
    deps,
    parseParam(ProgrammeId, params.id, 'id'),
    parseParam(VersionNumber, params.n, 'n'),
  ),
}));
