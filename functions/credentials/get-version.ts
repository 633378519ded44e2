import { getCredential } from '../../shared/app/credentials/read-credentials.js';
import { CredentialId, VersionNumberParam } from '../../shared/schemas/common.js';
import { etag } from '../http/credential-response.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: CredentialId, n: VersionNumberParam } }, async ({ params, deps }) => {
  const credential = await getCredential(deps, `${params.id}@${params.n}`);
  return { status: 200, body: credential, headers: { etag: etag(credential) } };
});
