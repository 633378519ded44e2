import { notFound } from '../../domain/errors.js';
import type { CatalogueFilter } from '../../ports/credential-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { parseCredentialRef, type Credential } from '../../schemas/credential.js';
import type { Deps } from '../deps.js';

/** `id` (latest) or `id@version`. */
export const getCredential = async (deps: Deps, ref: string): Promise<Credential> => {
  const { id, version } = parseCredentialRef(ref);
  const credential =
    version === undefined ? (await deps.credentials.get(id))?.credential : await deps.credentials.getVersion(id, version);
  if (!credential) throw notFound(version === undefined ? `credential ${id}` : `version ${version} of credential ${id}`);
  return credential;
};

export const listCatalogue = (deps: Deps, filter: CatalogueFilter, page: PageRequest): Promise<Page<Credential>> =>
  deps.credentials.catalogue(filter, page);
