import * as z from 'zod';
import { getProgrammeVersion } from '../../shared/app/programmes/read-programmes.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

const VersionNumber = z.coerce.number().int('n must be a whole number').positive('n must be at least 1');

export const handler = route({}, async ({ deps, params }) => ({
  status: 200,
  body: await getProgrammeVersion(deps, parseParam(ProgrammeId, params.id, 'id'), parseParam(VersionNumber, params.n, 'n')),
}));
