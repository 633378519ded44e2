import type { FieldIssue } from '../../domain/errors.js';
import type { CredentialDraft } from '../../schemas/credential.js';
import type { Institution } from '../../schemas/institution.js';
import type { Deps } from '../deps.js';
import { findCredential } from './read-credentials.js';

export interface ReferenceCheck {
  readonly problems: FieldIssue[];
  /** The awarding bodies as stored, for the credential's issuer countries. */
  readonly awardingBodies: Institution[];
}

/** What the schema cannot see: every institution and prerequisite a draft names must exist. */
export const checkReferences = async (deps: Deps, draft: CredentialDraft): Promise<ReferenceCheck> => {
  const named = [draft.institutionId, ...draft.awardingBodies, ...(draft.qaResponsible ? [draft.qaResponsible] : [])];
  const [institutions, prerequisites] = await Promise.all([
    deps.institutions.getMany(named),
    Promise.all((draft.prerequisites ?? []).map((ref) => findCredential(deps, ref))),
  ]);
  const problems: FieldIssue[] = [];
  const missing = (path: string, id: string) => problems.push({ path, message: `institution ${id} does not exist` });
  if (!institutions.has(draft.institutionId)) missing('institutionId', draft.institutionId);
  draft.awardingBodies.forEach((id, i) => institutions.has(id) || missing(`awardingBodies.${i}`, id));
  if (draft.qaResponsible && !institutions.has(draft.qaResponsible)) missing('qaResponsible', draft.qaResponsible);
  prerequisites.forEach((found, i) => {
    if (!found)
      problems.push({ path: `prerequisites.${i}`, message: `credential ${draft.prerequisites?.[i]} does not exist` });
  });
  return {
    problems,
    awardingBodies: draft.awardingBodies.flatMap((id) => institutions.get(id) ?? []),
  };
};
