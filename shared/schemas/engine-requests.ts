import * as z from 'zod/mini';
import { ExternalAchievement, RegistryAchievement } from './achievement.js';
import { CredentialId, CredentialRef, IsoDate, LanguageTag, Participation } from './common.js';

/** Which rule version to answer about; absent: the agreed one (the current one while negotiating). */
const RuleVersion = z.optional(z.int('version must be a whole number').check(z.positive('version must be at least 1')));

export const StackabilityRequest = z.strictObject({
  credentials: z.array(CredentialRef).check(z.maxLength(200, 'at most 200 credentials')),
  version: RuleVersion,
});

/** An OB3 AchievementCredential or a Europass EDC credential, imported as an external achievement. */
export const DocumentAchievement = z.strictObject({ document: z.record(z.string(), z.unknown()) });

/** SPEC §5: what breaks ties between equally cheap plans (never what makes a plan cheaper). */
export const PlanPreferences = z.strictObject({
  languages: z.optional(z.array(LanguageTag).check(z.minLength(1, 'list at least one language'), z.maxLength(10))),
  participation: z.optional(
    z.array(Participation).check(z.minLength(1, 'list at least one form of participation'), z.maxLength(3)),
  ),
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
    .check(z.maxLength(200, 'at most 200 achievements')),
  asOf: z.optional(IsoDate),
  version: RuleVersion,
  preferences: z.optional(PlanPreferences),
});
export type EligibilityRequest = z.infer<typeof EligibilityRequest>;

export const PathwaysRequest = z.strictObject({
  include: z.optional(z.array(CredentialId).check(z.maxLength(100))),
  exclude: z.optional(z.array(CredentialId).check(z.maxLength(1000))),
  limit: z.optional(
    z
      .int('limit must be a whole number')
      .check(z.gte(1, 'limit must be between 1 and 100'), z.lte(100, 'limit must be between 1 and 100')),
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  version: RuleVersion,
});
export type PathwaysRequest = z.infer<typeof PathwaysRequest>;
