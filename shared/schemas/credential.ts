import * as z from 'zod/mini';
import {
  Assessment,
  CountryCode,
  CredentialId,
  CredentialRef,
  Ects,
  EqfLevel,
  EscoSkillUri,
  InstitutionId,
  IscedCode,
  LanguageTag,
  Participation,
  QualityAssurance,
  Stackability,
  Supervision,
  Text,
} from './common.js';

/**
 * The offering side of the EU 2022 standard elements (SPEC §2, §3). Learner identification and the
 * date of issuing belong to an issued credential, not to an offering, so they are absent here.
 */
export const CredentialFields = z.object({
  institutionId: InstitutionId,
  awardingBodies: z
    .array(InstitutionId)
    .check(z.minLength(1, 'at least one awarding body'), z.maxLength(20, 'at most 20 awarding bodies')),
  title: Text(300),
  /** The title in other languages, by BCP-47 tag (SPEC §3); `q` searches them all. */
  titles: z.optional(
    z
      .record(LanguageTag, Text(300))
      .check(z.refine((titles) => Object.keys(titles).length <= 20, 'titles must have at most 20 languages')),
  ),
  learningOutcomes: z
    .array(Text(2000))
    .check(z.minLength(1, 'at least one learning outcome'), z.maxLength(50, 'at most 50 learning outcomes')),
  skills: z.optional(z.array(EscoSkillUri).check(z.maxLength(40, 'at most 40 skills'))),
  ects: Ects,
  /** Notional workload in hours; where given it must match 25–30 hours per ECTS (checked by interoperability). */
  workloadHours: z.optional(z.number().check(z.positive('workloadHours must be greater than 0'), z.lte(10000))),
  eqfLevel: EqfLevel,
  assessment: Assessment,
  participation: Participation,
  qualityAssurance: QualityAssurance,
  qaResponsible: z.optional(InstitutionId),
  supervision: z.optional(Supervision),
  prerequisites: z.optional(z.array(CredentialRef).check(z.maxLength(20, 'at most 20 prerequisites'))),
  stackability: Stackability,
  subjectArea: z.optional(IscedCode),
  language: z.optional(z.array(LanguageTag).check(z.maxLength(20))),
  furtherInfo: z.optional(z.string().check(z.trim(), z.maxLength(4000, 'furtherInfo must be at most 4000 characters'))),
});

const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;

/**
 * What `POST /credentials` and `PUT /credentials/{id}` accept: a Credential without server-assigned
 * fields. Strict (SPEC §4): an unknown or server-kept field is a 400 naming it, never silently dropped.
 */
export const CredentialDraft = z.strictObject(CredentialFields.shape).check(
  z.superRefine((c, ctx) => {
    if (!unique(c.awardingBodies)) {
      ctx.addIssue({ code: 'custom', path: ['awardingBodies'], message: 'awardingBodies must not repeat' });
    }
    // SPEC §3: a credential is created by the awarding institution; without this an institution could
    // register credentials awarded solely in another institution's name.
    if (!c.awardingBodies.includes(c.institutionId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['awardingBodies'],
        message: `awardingBodies must include institutionId ${c.institutionId}`,
      });
    }
    // SPEC §2: a credential from a cooperative programme names the institution responsible for its QA.
    if (c.awardingBodies.length > 1 && c.qaResponsible === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['qaResponsible'],
        message: 'qaResponsible is required when a credential has more than one awarding body',
      });
    }
    if (c.skills && !unique(c.skills)) {
      ctx.addIssue({ code: 'custom', path: ['skills'], message: 'skills must not repeat' });
    }
  }),
);
export type CredentialDraft = z.infer<typeof CredentialDraft>;

export const CredentialStatus = z.enum(['published', 'retired']);

/** A stored credential version, as read from the table and returned by the API. */
export const Credential = z.extend(CredentialFields, {
  id: CredentialId,
  version: z.int().check(z.positive()),
  status: CredentialStatus,
  /**
   * Countries of the registering institution and the awarding bodies that confirmed: the "country(ies)
   * of the issuer" standard element. A body's claim does not count until it confirms (SPEC §3).
   */
  countries: z.array(CountryCode),
  /**
   * Server-kept: the co-awarding and QA-responsible bodies that confirmed this version (SPEC §3).
   * Every write sets it; optional only because versions stored before confirmations existed lack it
   * (read as none confirmed: `attested` in shared/domain/credential.ts).
   */
  confirmedBy: z.optional(z.array(InstitutionId)),
  /** Below 1 ECTS a credential is a nano-credential and never stacks (SPEC §2). */
  nanoCredential: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Credential = z.infer<typeof Credential>;

/**
 * The draft a stored credential was registered from: its fields as the schema of a draft names them,
 * without what the server keeps (id, version, status, countries, confirmations, times).
 */
export const draftOf = (credential: Credential): CredentialDraft =>
  Object.fromEntries(
    Object.entries(credential).filter(([field]) => field in CredentialFields.shape),
  ) as CredentialDraft;

/** Parses `id` or `id@version`. */
export const parseCredentialRef = (ref: string): { id: string; version?: number } => {
  const at = ref.indexOf('@');
  return at < 0 ? { id: ref } : { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
};
