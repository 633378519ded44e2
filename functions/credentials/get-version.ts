import { getCredential } from '../../shared/app/credentials/read-credentials.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { etag } from '../http/credential-response.js';
import { VersionNumber } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: CredentialId, n: VersionNumber } }, async ({ params, deps }) => {
  const credential = await getCredential(deps, `${params.id}@${params.n}`);
  return { status: 200, body: credential, headers: { etag: etag(credential) } };
});
