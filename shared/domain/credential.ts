import canonicalize from 'canonicalize';
import { CredentialFields, type Credential, type CredentialDraft } from '../schemas/credential.js';

/** SPEC §2 (HRK MODUS): below 1 ECTS a credential is a nano-credential and never stacks. */
export const NANO_CREDENTIAL_MAX_ECTS = 1;

export interface CredentialStamp {
  readonly id: string;
  readonly version: number;
  /** Countries of the registering institution and of the awarding bodies that confirmed (`attestedAwardingBodies`). */
  readonly countries: readonly string[];
  /** Bodies that confirmed this version; none for a new version (SPEC §3: a claim until confirmed). */
  readonly confirmedBy?: readonly string[];
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
    confirmedBy: [...new Set(stamp.confirmedBy ?? [])].sort(),
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

type Claims = Pick<Credential, 'institutionId' | 'awardingBodies' | 'qaResponsible' | 'confirmedBy'>;

/**
 * SPEC §3: naming another institution as co-awarding or QA-responsible is a claim until that
 * institution confirms. The registering institution needs no confirmation of its own.
 */
const stands = (c: Claims, institutionId: string) =>
  institutionId === c.institutionId || (c.confirmedBy ?? []).includes(institutionId);

/** The other institutions a credential names, each of which has a part to confirm. */
export const claimedBodies = (c: Claims): string[] =>
  [...new Set([...c.awardingBodies, ...(c.qaResponsible ? [c.qaResponsible] : [])])].filter(
    (id) => id !== c.institutionId,
  );

/** The awarding bodies that stand: the registering institution and those that confirmed. */
export const attestedAwardingBodies = (c: Claims): string[] => c.awardingBodies.filter((id) => stands(c, id));

/**
 * The credential as exports and recognition checks may present it: only confirmed bodies besides
 * the registering one (SPEC §3). An unconfirmed QA-responsible claim is left out, not replaced.
 */
export const attested = (c: Credential): Credential => {
  const { qaResponsible, ...rest } = c;
  return {
    ...rest,
    awardingBodies: attestedAwardingBodies(c),
    ...(qaResponsible !== undefined && stands(c, qaResponsible) ? { qaResponsible } : {}),
  };
};
