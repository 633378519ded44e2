import { getCredential } from '../../shared/app/credentials/read-credentials.js';
import { CredentialRef } from '../../shared/schemas/common.js';
import { etag } from '../http/credential-response.js';
import { route } from '../http/route.js';
import { parseParam } from '../http/params.js';

/** `GET /credentials/{id}` also takes `id@version` (SPEC §3). */
export const handler = route({}, async ({ params, deps }) => {
  const credential = await getCredential(deps, parseParam(CredentialRef, params.id, 'id'));
  return { status: 200, body: credential, headers: { etag: etag(credential) } };
});
