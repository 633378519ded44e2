import { confirmCredential } from '../../shared/app/credentials/confirm-credential.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { ConfirmRequest } from '../../shared/schemas/confirm.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: ConfirmRequest, allow: ['institution'] },
  async ({ body, caller, deps, params }) => ({
    status: 200,
    body: await confirmCredential(deps, caller, parseParam(CredentialId, params.id, 'id'), body.version),
  }),
);
