import * as z from 'zod/mini';
import { CountryCode, CredentialRef, Ects, EqfLevel, IsoDate, QualityAssurance, Supervision, Text } from './common.js';

/** A credential that is not in the registry (SPEC §3), as the learner or an imported document states it; strict like every request body (SPEC §4). */
export const ExternalCredential = z.strictObject({
  title: Text(300),
  issuer: Text(300),
  country: CountryCode,
  ects: Ects,
  eqfLevel: EqfLevel,
  qualityAssurance: QualityAssurance,
  issuedOn: IsoDate,
  issuerKind: z.optional(z.enum(['hei', 'provider'])),
  supervision: z.optional(Supervision),
  subjectArea: z.optional(z.string().check(z.regex(/^[0-9]{2,4}$/))),
  workloadHours: z.optional(z.number().check(z.positive(), z.lte(10000))),
  score: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /** True only when a proof was actually verified; imported documents are never verified here. */
  verified: z.optional(z.boolean()),
});
export type ExternalCredential = z.infer<typeof ExternalCredential>;

export const RegistryAchievement = z.strictObject({
  credentialId: CredentialRef,
  version: z.optional(z.int().check(z.positive())),
  issuedOn: IsoDate,
  score: z.optional(
    z.number().check(z.gte(0, 'score must be between 0 and 1'), z.lte(1, 'score must be between 0 and 1')),
  ),
});

export const ExternalAchievement = z.strictObject({ external: ExternalCredential });

export const Achievement = z.union([RegistryAchievement, ExternalAchievement], {
  error: 'an achievement is { credentialId, issuedOn, version?, score? } or { external: { … } }',
});
export type Achievement = z.infer<typeof Achievement>;
