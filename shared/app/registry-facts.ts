import type { Institution } from '../schemas/institution.js';
import type { Deps } from './deps.js';

/** Institutions by id, as the pure mappers and the engine take them. */
export const institutionsById = async (deps: Deps, ids: readonly string[]): Promise<Record<string, Institution>> =>
  Object.fromEntries(await deps.institutions.getMany(ids));

/** Every institution of the registry (a few hundred at most: alliances are small). */
export const allInstitutions = async (deps: Deps): Promise<Record<string, Institution>> => {
  const found: Record<string, Institution> = {};
  let cursor: string | undefined;
  do {
    const page = await deps.institutions.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    for (const institution of page.items) found[institution.id] = institution;
    cursor = page.cursor;
  } while (cursor);
  return found;
};
