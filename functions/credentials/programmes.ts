import { programmesCounting } from '../../shared/app/where-it-counts/credential-programmes.js';
import { CredentialId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route({ params: { id: CredentialId } }, async ({ deps, params }) => ({
  status: 200,
  body: await programmesCounting(deps, params.id),
}));
