import { retireCredential } from '../../shared/app/credentials/write-credential.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ allow: ['institution', 'coordinator'] }, async ({ caller, deps, params }) => ({
  status: 200,
  body: await retireCredential(deps, caller, parseParam(CredentialId, params.id, 'id')),
}));
