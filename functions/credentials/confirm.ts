import { confirmCredential } from '../../shared/app/credentials/confirm-credential.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { ConfirmRequest } from '../../shared/schemas/confirm.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: ConfirmRequest, allow: ['institution'], params: { id: CredentialId } },
  async ({ body, caller, deps, params }) => ({
    status: 200,
    body: await confirmCredential(deps, caller, params.id, body.version),
  }),
);
