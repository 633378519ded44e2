import type { Credential } from '../../schemas/credential.js';
import type { Deps } from '../deps.js';
import { perStore } from './bounded-cache.js';

/**
 * The published offerings of a set of institutions, kept by a warm function under their catalogue
 * revisions (docs/engine.md, "Snapshots"): every change to an institution's offerings bumps its
 * revision in the same transaction, so a list kept under the revisions just read is current.
 * Shared by engine snapshots and programme drift: programmes of one alliance read it once.
 */
const lists = perStore<readonly Credential[]>(8);

/** The members' offerings as of `revisions`, read after them (so never older than they say). */
export const publishedAt = async (
  deps: Deps,
  members: readonly string[],
  revisions: Readonly<Record<string, number>>,
): Promise<readonly Credential[]> => {
  const key = JSON.stringify([members, members.map((m) => revisions[m] ?? 0)]);
  const cache = lists(deps.credentials);
  const cached = cache.get(key);
  if (cached) return cached;
  const published = await deps.credentials.published(members);
  cache.set(key, published);
  return published;
};

/** The members' offerings now: one strongly consistent read of their revisions, the catalogue only if one moved. */
export const membersCatalogue = async (deps: Deps, members: readonly string[]): Promise<readonly Credential[]> =>
  publishedAt(deps, members, await deps.credentials.catalogueRevisions(members));
