import * as z from 'zod';
import { confirmCredential } from '../../shared/app/credentials/confirm-credential.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

/** SPEC §4: body `{ version }`, the version the institution confirms its part of. */
export const ConfirmRequest = z.strictObject({
  version: z.int('version must be a whole number').positive('version must be at least 1'),
});

export const handler = route(
  { body: ConfirmRequest, allow: ['institution'] },
  async ({ body, caller, deps, params }) => ({
    status: 200,
    body: await confirmCredential(deps, caller, parseParam(CredentialId, params.id, 'id'), body.version),
  }),
);
