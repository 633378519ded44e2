import * as z from 'zod';
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
  issuerKind: z.enum(['hei', 'provider']).optional(),
  supervision: Supervision.optional(),
  subjectArea: z
    .string()
    .regex(/^[0-9]{2,4}$/)
    .optional(),
  workloadHours: z.number().positive().max(10000).optional(),
  score: z.number().min(0).max(1).optional(),
  /** True only when a proof was actually verified; imported documents are never verified here. */
  verified: z.boolean().optional(),
});
export type ExternalCredential = z.infer<typeof ExternalCredential>;

export const RegistryAchievement = z.strictObject({
  credentialId: CredentialRef,
  version: z.int().positive().optional(),
  issuedOn: IsoDate,
  score: z.number().min(0, 'score must be between 0 and 1').max(1, 'score must be between 0 and 1').optional(),
});

export const ExternalAchievement = z.strictObject({ external: ExternalCredential });

export const Achievement = z.union([RegistryAchievement, ExternalAchievement], {
  error: 'an achievement is { credentialId, issuedOn, version?, score? } or { external: { … } }',
});
export type Achievement = z.infer<typeof Achievement>;
