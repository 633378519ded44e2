import {
  attestedAwardingBodies,
  buildCredential,
  credentialNotes,
  describesOffering,
} from '../../domain/credential.js';
import { conflict, DomainError, notFound } from '../../domain/errors.js';
import type { Caller } from '../../ports/caller.js';
import type { Credential, CredentialDraft } from '../../schemas/credential.js';
import { assertMayManageCredentialsOf } from '../access.js';
import type { Deps } from '../deps.js';
import { checkReferences } from './check-references.js';

export interface WrittenCredential {
  readonly credential: Credential;
  readonly warnings: string[];
}

const referencesOrThrow = async (deps: Deps, draft: CredentialDraft) => {
  const check = await checkReferences(deps, draft);
  if (check.problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      check.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      check.problems,
    );
  }
  // A new version is confirmed by nobody yet (SPEC §3): its issuer countries are the registering institution's.
  const attested = new Set(attestedAwardingBodies({ ...draft, confirmedBy: [] }));
  return check.awardingBodies.filter((b) => attested.has(b.id)).map((b) => b.country);
};

/** POST /credentials: version 1, listed in the catalogue. */
export const registerCredential = async (
  deps: Deps,
  caller: Caller,
  draft: CredentialDraft,
): Promise<WrittenCredential> => {
  await assertMayManageCredentialsOf(deps, caller, draft.institutionId);
  const countries = await referencesOrThrow(deps, draft);
  const now = deps.clock.now();
  const credential = buildCredential(draft, {
    id: deps.ids.credentialId(draft.institutionId, draft.title),
    version: 1,
    countries,
    createdAt: now,
    updatedAt: now,
  });
  try {
    await deps.credentials.create(credential);
  } catch (err) {
    // The id is taken. When it holds exactly this offering, this is a retry of a create whose
    // answer was lost (ids of keyed writes repeat, shared/ports/ids.ts): the credential is written.
    const existing =
      err instanceof DomainError && err.code === 'CONFLICT' ? await deps.credentials.get(credential.id) : undefined;
    if (!existing || existing.credential.version !== 1 || !describesOffering(existing.credential, draft)) throw err;
    return { credential: existing.credential, warnings: credentialNotes(draft) };
  }
  return { credential, warnings: credentialNotes(draft) };
};

/** PUT /credentials/{id}: published versions are immutable, so an update appends version n+1. */
export const updateCredential = async (
  deps: Deps,
  caller: Caller,
  id: string,
  ifMatch: number,
  draft: CredentialDraft,
): Promise<WrittenCredential> => {
  const stored = await deps.credentials.get(id);
  if (!stored) throw notFound(`credential ${id}`);
  const current = stored.credential;
  await assertMayManageCredentialsOf(deps, caller, current.institutionId);
  if (draft.institutionId !== current.institutionId) {
    throw new DomainError('VALIDATION_FAILED', 'institutionId cannot change', [
      { path: 'institutionId', message: `credential ${id} belongs to ${current.institutionId}` },
    ]);
  }
  if (current.status === 'retired') throw conflict(`credential ${id} is retired`);
  if (ifMatch !== current.version) {
    throw new DomainError(
      'PRECONDITION_FAILED',
      `If-Match names version ${ifMatch}, but the current version is ${current.version}`,
    );
  }
  const countries = await referencesOrThrow(deps, draft);
  const next = buildCredential(draft, {
    id,
    version: current.version + 1,
    countries,
    createdAt: current.createdAt,
    updatedAt: deps.clock.now(),
  });
  await deps.credentials.publishVersion(current, next, stored.rev);
  return { credential: next, warnings: credentialNotes(draft) };
};

/** POST /credentials/{id}/retire: out of the catalogue; every version stays readable. */
export const retireCredential = async (deps: Deps, caller: Caller, id: string): Promise<Credential> => {
  const stored = await deps.credentials.get(id);
  if (!stored) throw notFound(`credential ${id}`);
  await assertMayManageCredentialsOf(deps, caller, stored.credential.institutionId);
  if (stored.credential.status === 'retired') throw conflict(`credential ${id} is already retired`);
  const now = deps.clock.now();
  await deps.credentials.retire(stored.credential, now, stored.rev);
  return { ...stored.credential, status: 'retired', updatedAt: now };
};
