import * as z from 'zod/mini';
import { ExternalCredential } from './achievement.js';
import { CredentialRef, InstitutionId, IsoDate, ProgrammeId } from './common.js';

/** SPEC §4 POST /interoperability. */

/** A credential in the registry, an external one as stated, or an OB3/ELM document to import. */
export const CredentialSubject = z.union([
  CredentialRef,
  z.strictObject({ external: ExternalCredential }),
  z.strictObject({ document: z.record(z.string(), z.unknown()) }),
]);

export const InteroperabilityRequest = z.strictObject({
  credential: CredentialSubject,
  target: z.union([z.strictObject({ programmeId: ProgrammeId }), z.strictObject({ institutionId: InstitutionId })]),
  asOf: z.optional(IsoDate),
});
export type InteroperabilityRequest = z.infer<typeof InteroperabilityRequest>;
