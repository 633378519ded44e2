import { getCredential } from '../../shared/app/credentials/read-credentials.js';
import { CredentialRef } from '../../shared/schemas/common.js';
import { etag } from '../http/credential-response.js';
import { route } from '../http/route.js';

/** `GET /credentials/{id}` also takes `id@version` (SPEC §3). */
export const handler = route({ params: { id: CredentialRef } }, async ({ params, deps }) => {
  const credential = await getCredential(deps, params.id);
  return { status: 200, body: credential, headers: { etag: etag(credential) } };
});
