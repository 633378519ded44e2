import { notFound } from '../domain/errors.js';
import type { Institution } from '../schemas/institution.js';

/** An institution every export names must be known: a missing one is NOT_FOUND, not a half document. */
export const institutionOf = (institutions: Readonly<Record<string, Institution>>, id: string): Institution => {
  const institution = institutions[id];
  if (institution === undefined) throw notFound(`institution ${id}`);
  return institution;
};
