import * as z from 'zod';
import { ExternalAchievement, RegistryAchievement } from './achievement.js';
import { CredentialId, CredentialRef, IsoDate, LanguageTag, Participation } from './common.js';

/** Which rule version to answer about; absent: the agreed one (the current one while negotiating). */
const RuleVersion = z.int('version must be a whole number').positive('version must be at least 1').optional();

export const StackabilityRequest = z.strictObject({
  credentials: z.array(CredentialRef).max(200, 'at most 200 credentials'),
  version: RuleVersion,
});

/** An OB3 AchievementCredential or a Europass EDC credential, imported as an external achievement. */
export const DocumentAchievement = z.strictObject({ document: z.record(z.string(), z.unknown()) });

/** SPEC §5: what breaks ties between equally cheap plans (never what makes a plan cheaper). */
export const PlanPreferences = z.strictObject({
  languages: z.array(LanguageTag).min(1, 'list at least one language').max(10).optional(),
  participation: z.array(Participation).min(1, 'list at least one form of participation').max(3).optional(),
});
export type PlanPreferences = z.infer<typeof PlanPreferences>;

export const EligibilityRequest = z.strictObject({
  achievements: z
    .array(
      z.union([RegistryAchievement, ExternalAchievement, DocumentAchievement], {
        error:
          'an achievement is { credentialId, issuedOn, version?, score? }, { external: { … } } or { document: { … } }',
      }),
    )
    .max(200, 'at most 200 achievements'),
  asOf: IsoDate.optional(),
  version: RuleVersion,
  preferences: PlanPreferences.optional(),
});
export type EligibilityRequest = z.infer<typeof EligibilityRequest>;

export const PathwaysRequest = z.strictObject({
  include: z.array(CredentialId).max(100).optional(),
  exclude: z.array(CredentialId).max(1000).optional(),
  limit: z
    .int('limit must be a whole number')
    .min(1, 'limit must be between 1 and 100')
    .max(100, 'limit must be between 1 and 100')
    .optional(),
  cursor: z.string().min(1).max(4096).optional(),
  version: RuleVersion,
});
export type PathwaysRequest = z.infer<typeof PathwaysRequest>;
