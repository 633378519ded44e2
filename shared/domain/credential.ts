import canonicalize from 'canonicalize';
import { CredentialFields, type Credential, type CredentialDraft } from '../schemas/credential.js';

/** SPEC §2 (HRK MODUS): below 1 ECTS a credential is a nano-credential and never stacks. */
export const NANO_CREDENTIAL_MAX_ECTS = 1;

export interface CredentialStamp {
  readonly id: string;
  readonly version: number;
  readonly countries: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The stored form of a draft: server-assigned fields added, nano-credentials marked not stackable. */
export const buildCredential = (draft: CredentialDraft, stamp: CredentialStamp): Credential => {
  const nanoCredential = draft.ects < NANO_CREDENTIAL_MAX_ECTS;
  return {
    ...draft,
    stackability: nanoCredential ? 'standalone' : draft.stackability,
    id: stamp.id,
    version: stamp.version,
    status: 'published',
    countries: [...new Set(stamp.countries)].sort(),
    nanoCredential,
    createdAt: stamp.createdAt,
    updatedAt: stamp.updatedAt,
  };
};

/** Notes returned beside a stored credential, so a registrar sees what the registry decided. */
export const credentialNotes = (draft: CredentialDraft): string[] =>
  draft.ects < NANO_CREDENTIAL_MAX_ECTS
    ? [`ects ${draft.ects} is below ${NANO_CREDENTIAL_MAX_ECTS}: stored as a nano-credential, which never stacks`]
    : [];

/** True when a stored credential describes exactly the offering of `draft` (server-assigned fields aside). */
export const describesOffering = (stored: Credential, draft: CredentialDraft): boolean =>
  canonicalize(CredentialFields.parse(stored)) === canonicalize(draft);
