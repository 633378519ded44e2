import { registerCredential } from '../../shared/app/credentials/write-credential.js';
import { CredentialDraft } from '../../shared/schemas/credential.js';
import { withWarnings, etag } from '../http/credential-response.js';
import { route } from '../http/route.js';

export const handler = route(
  { body: CredentialDraft, allow: ['institution', 'coordinator'] },
  async ({ body, caller, deps }) => {
    const written = await registerCredential(deps, caller, body);
    return { status: 201, body: withWarnings(written), headers: { etag: etag(written.credential) } };
  },
);
