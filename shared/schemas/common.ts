import * as z from 'zod/mini';
import './messages.js';

/** Lowercase slug chosen by an operator or assigned by the server (`luh`, `luh-applied-ml`). */
export const Slug = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
      'must be a lowercase slug (a-z, 0-9, hyphen; at most 64 characters)',
    ),
  );

export const InstitutionId = Slug;
export const AllianceId = Slug;
export const CredentialId = Slug;
export const ProgrammeId = Slug;

/** `id` (latest) or `id@version` (SPEC §3). */
export const CredentialRef = z
  .string()
  .check(
    z.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:@[1-9][0-9]{0,5})?$/, 'must be a credential id or id@version'),
  );

/** `id@version`: one pinned version of a credential (a rule's `modules`, SPEC §5). */
export const PinnedCredentialRef = z
  .string()
  .check(
    z.regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?@[1-9][0-9]{0,5}$/,
      'must be a credential id@version such as "luh-ml@2"',
    ),
  );

/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z
  .string()
  .check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "DE"'));

/** ISCED-F 2013 field code: broad (2 digits), narrow (3) or detailed (4). */
export const IscedCode = z
  .string()
  .check(z.regex(/^[0-9]{2,4}$/, 'must be an ISCED-F 2013 code of 2 to 4 digits such as "0613"'));

/** ESCO skill concept URI. */
export const EscoSkillUri = z
  .string()
  .check(
    z.regex(
      /^https?:\/\/data\.europa\.eu\/esco\/skill\/[A-Za-z0-9-]{1,64}$/,
      'must be an ESCO skill URI (http://data.europa.eu/esco/skill/…)',
    ),
  );

/** BCP-47 language tag, kept simple: primary subtag plus optional subtags. */
export const LanguageTag = z
  .string()
  .check(z.regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8}){0,3}$/, 'must be a BCP-47 language tag such as "en" or "de-AT"'));

/** Calendar date YYYY-MM-DD that exists. */
export const IsoDate = z.iso.date({ message: 'must be a date in the form YYYY-MM-DD' });

export const EqfLevel = z
  .int('eqfLevel must be a whole number')
  .check(z.gte(1, 'eqfLevel must be between 1 and 8'), z.lte(8, 'eqfLevel must be between 1 and 8'));

export const Ects = z
  .number('ects must be a number')
  .check(z.positive('ects must be greater than 0'), z.lte(180, 'ects must be at most 180'));

export const Assessment = z.enum(['exam', 'oral', 'project', 'portfolio', 'practical', 'online-test', 'other']);
export const Participation = z.enum(['online', 'onsite', 'blended']);
export const QualityAssurance = z.enum([
  'external-esg',
  'accredited-programme',
  'internal',
  'non-academic-certification',
]);
export type QualityAssurance = z.infer<typeof QualityAssurance>;

/**
 * Supervision and identity verification during assessment, weakest first (EU Recommendation 2022,
 * optional elements). The order is what `components.minSupervision` compares against.
 */
export const SUPERVISION_ORDER = ['unsupervised', 'supervised', 'supervised-online', 'onsite-id'] as const;
export const Supervision = z.enum(SUPERVISION_ORDER);
export type Supervision = z.infer<typeof Supervision>;

export const Stackability = z.enum(['standalone', 'stackable']);

/** A bounded free-text string; the error map names the field in its messages. */
export const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** `{n}` in `/…/versions/{n}`: a path parameter, so a string that must read as a version number. */
export const VersionNumberParam = z.coerce
  .number()
  .check(z.int('n must be a whole number'), z.positive('n must be at least 1'));
