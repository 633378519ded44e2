import * as z from 'zod/mini';
import { QualityAssurance, Supervision } from '../schemas/common.js';
import {
  countryFrom,
  DateTime,
  dateOf,
  hoursOf,
  invalidDocument,
  many,
  parseOrThrow,
  type Reading,
} from './import-reading.js';
import { ECTS_CREDIT_URI, EQF_LEVEL_URI, ISCED_F_URI } from './vocabulary.js';

/*
 * Reads a Europass EDC credential (ELM 3.2). The zod schemas mirror the official EDC schema
 * (elm/europass-edc-credential.schema.json) for every property the import reads and for the
 * credential's required properties; the first LearningAchievement claim is the one imported.
 */

const LangString = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const Concept = z.looseObject({
  id: z.optional(z.string()),
  notation: z.optional(z.string()),
  prefLabel: z.optional(LangString),
});
const Note = z.looseObject({ noteLiteral: LangString, subject: z.optional(Concept) });
const CreditPoint = z.looseObject({ framework: Concept, point: z.string() });
const Location = z.looseObject({ address: many(z.looseObject({ countryCode: Concept })) });
/** An awarding body is an Agent, a Person or an Organisation: whichever name it has is read. */
const Awarder = z.looseObject({
  id: z.optional(z.string()),
  legalName: z.optional(LangString),
  prefLabel: z.optional(LangString),
  fullName: z.optional(LangString),
  location: z.optional(many(Location)),
});

const Specification = z.looseObject({
  id: z.optional(z.string()),
  type: z.enum(['LearningAchievementSpecification', 'Qualification']),
  title: LangString,
  creditPoint: z.optional(many(CreditPoint)),
  educationLevel: z.optional(many(Concept)),
  eqfLevel: z.optional(Concept),
  thematicArea: z.optional(many(Concept)),
  volumeOfLearning: z.optional(z.string()),
  learningOutcome: z.optional(many(z.looseObject({ title: LangString }))),
  learningOutcomeSummary: z.optional(Note),
  mode: z.optional(many(Concept)),
  additionalNote: z.optional(many(Note)),
  accreditation: z.optional(many(z.looseObject({}))),
  provenBy: z.optional(many(z.looseObject({ title: LangString, additionalNote: z.optional(many(Note)) }))),
});

const LearningAchievement = z.looseObject({
  type: z.literal('LearningAchievement'),
  title: LangString,
  awardedBy: z.looseObject({ awardingBody: many(Awarder), awardingDate: z.optional(DateTime) }),
  creditReceived: z.optional(many(CreditPoint)),
  provenBy: z.optional(many(z.looseObject({}))),
  learningOpportunity: z.optional(z.looseObject({ mode: z.optional(many(Concept)) })),
  specifiedBy: z.optional(Specification),
});

const ElmCredential = z.looseObject({
  '@context': z
    .array(z.string())
    .check(
      z.refine(
        (c) => c.includes('https://www.w3.org/ns/credentials/v2'),
        '@context must contain https://www.w3.org/ns/credentials/v2',
      ),
    ),
  id: z.string(),
  type: z
    .array(z.string())
    .check(
      z.refine(
        (t) =>
          ['VerifiableCredential', 'VerifiableAttestation', 'EuropeanDigitalCredential'].every((n) => t.includes(n)),
        'type must contain "VerifiableCredential", "VerifiableAttestation" and "EuropeanDigitalCredential"',
      ),
    ),
  issuer: z.union([z.string(), z.extend(Awarder, { id: z.string() })]),
  issued: DateTime,
  validFrom: DateTime,
  credentialSchema: z.union([z.looseObject({}), z.array(z.looseObject({}))]),
  credentialProfiles: z.union([Concept, z.array(Concept)]),
  displayParameter: z.looseObject({}),
  credentialSubject: z.looseObject({ hasClaim: z.optional(many(z.looseObject({ type: z.string() }))) }),
  proof: z.optional(z.union([z.looseObject({ type: z.string() }), z.array(z.looseObject({ type: z.string() }))])),
});

export const isElm = (types: readonly string[]): boolean => types.includes('EuropeanDigitalCredential');

/** English if present, else the first language the string has. */
const text = (s: z.infer<typeof LangString> | undefined): string | undefined => {
  if (s === undefined) return undefined;
  const value = s.en ?? Object.values(s)[0];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

const isEcts = (c: z.infer<typeof CreditPoint>) =>
  c.framework.id === ECTS_CREDIT_URI || /european credit transfer/i.test(text(c.framework.prefLabel) ?? '');

const ectsOf = (points: readonly z.infer<typeof CreditPoint>[] | undefined): number | undefined => {
  const ects = points?.find(isEcts);
  const value = ects === undefined ? NaN : Number(ects.point.replace(',', '.'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
};

/** A value the registry's own export wrote as `<value>: <label>` in a note whose subject names the element. */
const elementValue = (notes: readonly z.infer<typeof Note>[] | undefined, element: string): string | undefined => {
  const note = notes?.find((n) => n.subject?.notation === element);
  return text(note?.noteLiteral)?.split(':')[0]?.trim();
};

export const readElm = (document: unknown): Reading => {
  const doc = parseOrThrow(ElmCredential, document, 'Europass EDC (ELM 3.2) credential');
  const claims = doc.credentialSubject.hasClaim ?? [];
  const index = claims.findIndex((c) => c.type === 'LearningAchievement');
  if (index < 0) {
    throw invalidDocument('the document is not a valid Europass EDC (ELM 3.2) credential', [
      { path: 'credentialSubject.hasClaim', message: 'the credential holds no LearningAchievement claim' },
    ]);
  }
  const claim = parseOrThrow(LearningAchievement, claims[index], 'ELM LearningAchievement', [
    'credentialSubject',
    'hasClaim',
    String(index),
  ]);
  const spec = claim.specifiedBy;
  const warnings: string[] = [];
  if (claims.filter((c) => c.type === 'LearningAchievement').length > 1) {
    warnings.push(`the credential holds several learning achievements; "${text(claim.title)}" was imported`);
  }

  const bodies = claim.awardedBy.awardingBody;
  const names = bodies
    .map((b) => text(b.legalName) ?? text(b.prefLabel) ?? text(b.fullName))
    .filter((n): n is string => n !== undefined);
  const issuer = typeof doc.issuer === 'string' ? undefined : doc.issuer;
  const countries = [...bodies, ...(issuer ? [issuer] : [])]
    .flatMap((b) =>
      (b.location ?? []).flatMap((l) => l.address.map((a) => countryFrom(a.countryCode.id ?? a.countryCode.notation))),
    )
    .filter((c): c is string => c !== undefined);
  if (names.length === 0 && issuer)
    names.push(...[text(issuer.legalName) ?? text(issuer.prefLabel)].filter((n): n is string => n !== undefined));

  let ects = ectsOf(claim.creditReceived) ?? ectsOf(spec?.creditPoint);
  const workloadHours = spec?.volumeOfLearning ? hoursOf(spec.volumeOfLearning) : undefined;
  if (ects === undefined && workloadHours !== undefined) {
    // SPEC §2: 25–30 hours per ECTS; 30 gives the smaller, safer number of credits.
    ects = Math.round((workloadHours / 30) * 10) / 10;
    warnings.push(`no ECTS credit points: ${ects} ECTS derived from ${workloadHours} hours of workload`);
  }
  const eqf = [...(spec?.educationLevel ?? []), ...(spec?.eqfLevel ? [spec.eqfLevel] : [])]
    .map((c) => EQF_LEVEL_URI.exec(c.id ?? '')?.[1])
    .find((l) => l !== undefined);
  const qaNote = QualityAssurance.safeParse(elementValue(spec?.additionalNote, 'qualityAssurance'));
  const qualityAssurance = qaNote.success
    ? qaNote.data
    : spec?.accreditation?.length
      ? 'accredited-programme'
      : undefined;
  if (!qaNote.success && qualityAssurance)
    warnings.push('the specification lists an accreditation: read as an accredited programme');
  const supervision = Supervision.safeParse(
    spec?.provenBy?.map((p) => elementValue(p.additionalNote, 'supervision')).find(Boolean),
  );
  const subjectArea = spec?.thematicArea
    ?.map((c) => ISCED_F_URI.exec(c.id ?? '')?.[1])
    .find((code) => code !== undefined);

  return {
    title: text(claim.title) ?? text(spec?.title) ?? '',
    awardingBodies: names,
    issuerId: typeof doc.issuer === 'string' ? doc.issuer : doc.issuer.id,
    ...(countries[0] ? { country: countries[0] } : {}),
    ...(ects !== undefined ? { ects } : {}),
    ...(eqf ? { eqfLevel: Number(eqf) } : {}),
    ...(qualityAssurance ? { qualityAssurance } : {}),
    issuedOn: dateOf(claim.awardedBy.awardingDate ?? doc.issued),
    ...(supervision.success ? { supervision: supervision.data } : {}),
    ...(subjectArea ? { subjectArea } : {}),
    ...(workloadHours !== undefined ? { workloadHours } : {}),
    ...(spec?.id ? { describedBy: spec.id } : {}),
    states: {
      learningOutcomes: Boolean(spec?.learningOutcome?.length) || spec?.learningOutcomeSummary !== undefined,
      assessment: Boolean(claim.provenBy?.length) || Boolean(spec?.provenBy?.length),
      participation: Boolean(spec?.mode?.length) || Boolean(claim.learningOpportunity?.mode?.length),
    },
    warnings: [
      ...warnings,
      ...(new Set(countries).size > 1
        ? [
            `awarding bodies and issuer are in several countries (${[...new Set(countries)].join(', ')}); ${countries[0]} was taken`,
          ]
        : []),
      ...(doc.proof ? ['the document carries a proof that was not verified'] : []),
    ],
  };
};
