import { notFound } from '../../domain/errors.js';
import type { CatalogueFilter } from '../../ports/credential-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { parseCredentialRef, type Credential } from '../../schemas/credential.js';
import type { Deps } from '../deps.js';

/** `id` (latest) or `id@version`; `version`, when given, wins over the one in the reference. */
export const findCredential = async (deps: Deps, ref: string, version?: number): Promise<Credential | undefined> => {
  const parsed = parseCredentialRef(ref);
  const wanted = version ?? parsed.version;
  return wanted === undefined
    ? (await deps.credentials.get(parsed.id))?.credential
    : deps.credentials.getVersion(parsed.id, wanted);
};

/** `id` (latest) or `id@version`, or NOT_FOUND. */
export const getCredential = async (deps: Deps, ref: string): Promise<Credential> => {
  const credential = await findCredential(deps, ref);
  if (!credential) {
    const { id, version } = parseCredentialRef(ref);
    throw notFound(version === undefined ? `credential ${id}` : `version ${version} of credential ${id}`);
  }
  return credential;
};

export const listCatalogue = (deps: Deps, filter: CatalogueFilter, page: PageRequest): Promise<Page<Credential>> =>
  deps.credentials.catalogue(filter, page);
