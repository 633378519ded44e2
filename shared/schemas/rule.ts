import * as z from 'zod/mini';
import {
  CredentialId,
  EqfLevel,
  EscoSkillUri,
  InstitutionId,
  IscedCode,
  PinnedCredentialRef,
  ProgrammeId,
  QualityAssurance,
  Supervision,
} from './common.js';

/*
 * The composition rule of SPEC §5. Objects are strict and carry no defaults or transforms: the rule
 * is stored exactly as it was sent, so the content hash a partner computes over what it sent equals
 * the hash over what the registry returns (SPEC §5.7). Defaults are applied where the rule is read
 * (see shared/engine).
 */

const NonNegative = (name: string) =>
  z
    .number(`${name} must be a number`)
    .check(z.gte(0, `${name} must not be negative`), z.lte(1000, `${name} must be at most 1000`));
const Count = (name: string) =>
  z
    .int(`${name} must be a whole number`)
    .check(z.gte(0, `${name} must not be negative`), z.lte(1000, `${name} must be at most 1000`));

type Bounded = Record<string, unknown>;
/** Adds an issue at `maxKey` when both bounds are present and min > max. */
const minNotAboveMax = (minKey: string, maxKey: string) => (value: Bounded, ctx: z.core.$RefinementCtx) => {
  const min = value[minKey];
  const max = value[maxKey];
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    ctx.addIssue({ code: 'custom', path: [maxKey], message: `${maxKey} must not be less than ${minKey}` });
  }
};

export const EctsRange = z
  .strictObject({ min: NonNegative('ects.min'), max: NonNegative('ects.max') })
  .check(z.superRefine(minNotAboveMax('min', 'max')));

export const Components = z
  .strictObject({
    eqfMin: z.optional(EqfLevel),
    ectsMin: z.optional(NonNegative('components.ectsMin')),
    ectsMax: z.optional(NonNegative('components.ectsMax')),
    stackableOnly: z.optional(z.boolean()),
    qualityAssurance: z.optional(
      z.array(QualityAssurance).check(z.minLength(1, 'list at least one quality assurance type')),
    ),
    minSupervision: z.optional(Supervision),
    maxAgeYears: z.optional(z.number().check(z.positive('maxAgeYears must be greater than 0'), z.lte(100))),
    minScore: z.optional(
      z.number().check(z.gte(0, 'minScore must be between 0 and 1'), z.lte(1, 'minScore must be between 0 and 1')),
    ),
  })
  .check(z.superRefine(minNotAboveMax('ectsMin', 'ectsMax')));

export const InstitutionBounds = z
  .strictObject({
    id: InstitutionId,
    minCount: z.optional(Count('minCount')),
    maxCount: z.optional(Count('maxCount')),
    minEcts: z.optional(NonNegative('minEcts')),
    maxEcts: z.optional(NonNegative('maxEcts')),
  })
  .check(
    z.superRefine((b, ctx) => {
      minNotAboveMax('minCount', 'maxCount')(b, ctx);
      minNotAboveMax('minEcts', 'maxEcts')(b, ctx);
    }),
  );

export const Requirement = z.strictObject({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'requirement id must be 1–64 letters, digits, "-" or "_"')),
  title: z.string().check(z.minLength(1, 'title must not be empty'), z.maxLength(300)),
  from: z
    .strictObject({
      credentials: z.optional(z.array(CredentialId).check(z.maxLength(200))),
      subjectAreas: z.optional(z.array(IscedCode).check(z.maxLength(50))),
      skills: z.optional(z.array(EscoSkillUri).check(z.maxLength(50))),
    })
    .check(
      z.refine(
        (f) => (f.credentials?.length ?? 0) + (f.subjectAreas?.length ?? 0) + (f.skills?.length ?? 0) > 0,
        'from must name at least one credential, subject area or skill',
      ),
    ),
  minEcts: z.optional(NonNegative('minEcts')),
  minCount: z.optional(Count('minCount')),
});

const uniqueBy = <T>(xs: readonly T[], key: (x: T) => string) => new Set(xs.map(key)).size === xs.length;

export const Rule = z
  .strictObject({
    title: z
      .string()
      .check(z.minLength(1, 'title must not be empty'), z.maxLength(300, 'title must be at most 300 characters')),
    award: z.enum(['joint-master', 'micro-degree']),
    eqfLevel: EqfLevel,
    ects: EctsRange,
    components: z.optional(Components),
    institutions: z.optional(z.array(InstitutionBounds).check(z.maxLength(100))),
    membersOnly: z.optional(z.boolean()),
    externalMaxEcts: z.optional(NonNegative('externalMaxEcts')),
    minInstitutions: z.optional(Count('minInstitutions')),
    minCountries: z.optional(Count('minCountries')),
    requirements: z.optional(z.array(Requirement).check(z.maxLength(50))),
    exclusions: z.optional(
      z
        .array(
          z
            .array(CredentialId)
            .check(z.minLength(2, 'an exclusion group names at least two credentials'), z.maxLength(100)),
        )
        .check(z.maxLength(100)),
    ),
    programmes: z.optional(z.array(ProgrammeId).check(z.maxLength(10))),
    /** The offerings this version admits, each pinned as `id@version` (SPEC §5). */
    modules: z.optional(z.array(PinnedCredentialRef).check(z.maxLength(5000, 'a rule lists at most 5000 modules'))),
  })
  .check(
    z.superRefine((r, ctx) => {
      if (r.institutions && !uniqueBy(r.institutions, (i) => i.id)) {
        ctx.addIssue({ code: 'custom', path: ['institutions'], message: 'an institution is listed more than once' });
      }
      if (r.requirements && !uniqueBy(r.requirements, (q) => q.id)) {
        ctx.addIssue({ code: 'custom', path: ['requirements'], message: 'requirement ids must be unique' });
      }
      if (r.modules && !uniqueBy(r.modules, (m) => m.split('@')[0] ?? m)) {
        ctx.addIssue({ code: 'custom', path: ['modules'], message: 'modules must name each credential once' });
      }
      if (r.programmes && !uniqueBy(r.programmes, (p) => p)) {
        ctx.addIssue({ code: 'custom', path: ['programmes'], message: 'programmes must not repeat' });
      }
      // SPEC §2 (LUH model): micro-degrees and joint masters sit at EQF 6 or above; a master at EQF 7.
      if (r.award === 'joint-master' && r.eqfLevel !== 7) {
        ctx.addIssue({ code: 'custom', path: ['eqfLevel'], message: 'a joint master is awarded at EQF level 7' });
      }
      if (r.award === 'micro-degree' && r.eqfLevel < 5) {
        ctx.addIssue({
          code: 'custom',
          path: ['eqfLevel'],
          message: 'a micro-degree is awarded at EQF level 5 or above',
        });
      }
    }),
  );
export type Rule = z.infer<typeof Rule>;
export type Requirement = z.infer<typeof Requirement>;
export type InstitutionBounds = z.infer<typeof InstitutionBounds>;
