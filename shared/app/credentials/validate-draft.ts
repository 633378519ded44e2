import type { FieldIssue } from '../../domain/errors.js';
import { credentialNotes } from '../../domain/credential.js';
import { CredentialDraft } from '../../schemas/credential.js';
import { toFieldIssues } from '../../schemas/issues.js';
import type { Deps } from '../deps.js';
import { checkReferences } from './check-references.js';

export interface DraftCheck {
  readonly valid: boolean;
  readonly problems: FieldIssue[];
  readonly warnings: string[];
}

/** POST /credentials/validate: the same checks as a registration, and nothing is written. */
export const validateDraft = async (deps: Deps, body: unknown): Promise<DraftCheck> => {
  const parsed = CredentialDraft.safeParse(body);
  if (!parsed.success) return { valid: false, problems: toFieldIssues(parsed.error), warnings: [] };
  const { problems } = await checkReferences(deps, parsed.data);
  return { valid: problems.length === 0, problems, warnings: credentialNotes(parsed.data) };
};
