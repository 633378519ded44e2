import { DomainError } from '../../domain/errors.js';
import { importExternalCredential, type ImportedCredential } from '../../interop/import.js';
import { exportedCredentialOf } from '../../interop/vocabulary.js';
import type { ExternalCredential } from '../../schemas/achievement.js';
import type { Credential } from '../../schemas/credential.js';
import type { EligibilityRequest } from '../../schemas/engine-requests.js';
import { findCredential } from '../credentials/read-credentials.js';
import type { Deps } from '../deps.js';

/*
 * SPEC §3: an OB3 or ELM document pasted as `{ document }` is read into an achievement; one this
 * registry exported is matched back to its credential `id@version` and counts as that credential.
 * "Exported by this registry" means: the achievement (OB3) or specification (ELM) node carries one
 * of this registry's export URLs as its id (another deployment has another base URL), that version
 * exists, and the document agrees with it on title, ECTS and EQF level — a document that names our
 * URL but describes something else is a claim about another credential and stays external. Proofs
 * are not verified either way (docs/interoperability.md §4): `verified` stays false.
 */

type Achievement = EligibilityRequest['achievements'][number];
export type ReadAchievement = Exclude<Achievement, { document: unknown }>;

/** What the answer says about each document read (its place in the request, what it became). */
export interface DocumentReport {
  achievement: number;
  format: ImportedCredential['format'];
  title: string;
  /** The date of issuing the document states: the date age rules judge it by. */
  issuedOn: string;
  /** `id@version` of the registry credential the document counts as; absent: it counts as external. */
  matched?: string;
  missing: ImportedCredential['missing'];
  verified: false;
  warnings: string[];
}

export type ReadDocument =
  | { kind: 'registry'; credential: Credential; imported: ImportedCredential; warnings: string[] }
  | { kind: 'external'; imported: ImportedCredential; warnings: string[] };

/** Fields on which a document must agree with the credential it names. */
const disagreements = (external: ExternalCredential, credential: Credential): string[] => [
  ...(external.title === credential.title || Object.values(credential.titles ?? {}).includes(external.title)
    ? []
    : ['title']),
  ...(external.ects === credential.ects ? [] : ['ECTS']),
  ...(external.eqfLevel === credential.eqfLevel ? [] : ['EQF level']),
];

/** One document: imported, and matched back to the registry credential it was exported as, if any. */
export const readDocument = async (
  deps: Deps,
  document: unknown,
  baseUrl: string | undefined,
): Promise<ReadDocument> => {
  const imported = importExternalCredential(document);
  const exported = baseUrl && imported.describedBy ? exportedCredentialOf(imported.describedBy, baseUrl) : undefined;
  if (!exported) return { kind: 'external', imported, warnings: imported.warnings };
  const ref = `${exported.id}@${exported.version}`;
  const credential = await findCredential(deps, exported.id, exported.version);
  if (!credential) {
    return {
      kind: 'external',
      imported,
      warnings: [
        ...imported.warnings,
        `the document names ${ref}, which this registry does not hold: it counts as an external credential`,
      ],
    };
  }
  const differing = disagreements(imported.external, credential);
  if (differing.length > 0) {
    return {
      kind: 'external',
      imported,
      warnings: [
        ...imported.warnings,
        `the document names ${ref} but its ${differing.join(', ')} differ from that credential's: it counts as an external credential`,
      ],
    };
  }
  return {
    kind: 'registry',
    credential,
    imported,
    warnings: [`exported by this registry as ${ref}: counted as that credential`, ...imported.warnings],
  };
};

/** Names the achievement in the body, not only the path inside its document. */
const atAchievement = (index: number, err: unknown): unknown =>
  err instanceof DomainError
    ? new DomainError(
        err.code,
        `achievements.${index}.document: ${err.message}`,
        err.details.map((d) => ({ ...d, path: `achievements.${index}.document.${d.path}` })),
      )
    : err;

/**
 * Every `{ document }` of a request read once: matched documents become registry achievements
 * (`credentialId` = id@version, issued on the document's date), the others external ones.
 */
export const readDocuments = async (
  deps: Deps,
  achievements: readonly Achievement[],
  baseUrl: string | undefined,
): Promise<{ achievements: ReadAchievement[]; imported: DocumentReport[] }> => {
  const imported: DocumentReport[] = [];
  const read = await Promise.all(
    achievements.map(async (a, index): Promise<ReadAchievement> => {
      if (!('document' in a)) return a;
      const found = await readDocument(deps, a.document, baseUrl).catch((err: unknown) => {
        throw atAchievement(index, err);
      });
      const { external, format, missing } = found.imported;
      const matched = found.kind === 'registry' ? `${found.credential.id}@${found.credential.version}` : undefined;
      imported.push({
        achievement: index,
        format,
        title: external.title,
        issuedOn: external.issuedOn,
        ...(matched ? { matched } : {}),
        missing,
        verified: false,
        warnings: found.warnings,
      });
      return found.kind === 'registry'
        ? {
            credentialId: found.credential.id,
            version: found.credential.version,
            issuedOn: external.issuedOn,
            ...(external.score !== undefined ? { score: external.score } : {}),
          }
        : { external };
    }),
  );
  return { achievements: read, imported: imported.sort((x, y) => x.achievement - y.achievement) };
};
