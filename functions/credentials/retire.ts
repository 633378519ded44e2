import { retireCredential } from '../../shared/app/credentials/write-credential.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  { allow: ['institution', 'coordinator'], params: { id: CredentialId } },
  async ({ caller, deps, params }) => ({
    status: 200,
    body: await retireCredential(deps, caller, params.id),
  }),
);
