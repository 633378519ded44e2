import { programmesCounting } from '../../shared/app/where-it-counts/credential-programmes.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ deps, params }) => ({
  status: 200,
  body: await programmesCounting(deps, parseParam(CredentialId, params.id, 'id')),
}));
