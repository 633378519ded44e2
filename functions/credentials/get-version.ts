import { getCredential } from '../../shared/app/credentials/read-credentials.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { etag } from '../http/credential-response.js';
import { parseParam, VersionNumber } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({}, async ({ params, deps }) => {
  const id = parseParam(CredentialId, params.id, 'id');
  const n = parseParam(VersionNumber, params.n, 'n');
  const credential = await getCredential(deps, `${id}@${n}`);
  return { status: 200, body: credential, headers: { etag: etag(credential) } };
});
