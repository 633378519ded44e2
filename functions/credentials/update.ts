import { updateCredential } from '../../shared/app/credentials/write-credential.js';
import { CredentialDraft } from '../../shared/schemas/credential.js';
import { etag, parseIfMatch, withWarnings } from '../http/credential-response.js';
import { header } from '../http/request.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: CredentialDraft, allow: ['institution', 'coordinator'], params: { id: CredentialId } },
  async ({ body, caller, deps, params, event }) => {
    const ifMatch = parseIfMatch(header(event, 'if-match'));
    const written = await updateCredential(deps, caller, params.id, ifMatch, body);
    return { status: 200, body: withWarnings(written), headers: { etag: etag(written.credential) } };
  },
);
