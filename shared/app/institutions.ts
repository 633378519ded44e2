import { notFound } from '../domain/errors.js';
import type { Caller } from '../ports/caller.js';
import type { Page, PageRequest } from '../ports/page.js';
import type { Institution } from '../schemas/institution.js';
import { assertOperator } from './access.js';
import type { Deps } from './deps.js';

export const registerInstitution = async (
  deps: Deps,
  caller: Caller,
  institution: Institution,
): Promise<Institution> => {
  assertOperator(caller);
  await deps.institutions.create(institution);
  return institution;
};

export const getInstitution = async (deps: Deps, id: string): Promise<Institution> => {
  const institution = await deps.institutions.get(id);
  if (!institution) throw notFound(`institution ${id}`);
  return institution;
};

export const listInstitutions = (deps: Deps, page: PageRequest): Promise<Page<Institution>> =>
  deps.institutions.list(page);
