import * as z from 'zod/mini';
import { Assessment, Participation, QualityAssurance, Supervision } from '../schemas/common.js';
import { DateTime, dateOf, parseOrThrow, type Reading, typeContaining, countryFrom } from './import-reading.js';
import { EQF_LEVEL_URI, ISCED_F_URI } from './vocabulary.js';

/*
 * Reads an Open Badges 3.0 AchievementCredential. The zod schema below mirrors the official
 * schema (ob3/achievementcredential.schema.json) for every property the import reads, and its
 * required properties; the rest of the document is left as it is (docs/interoperability.md).
 */

const Address = z.looseObject({
  type: typeContaining('Address'),
  addressCountryCode: z.optional(z.string()),
  addressCountry: z.optional(z.string()),
});

const Profile = z.looseObject({
  id: z.string(),
  type: typeContaining('Profile'),
  name: z.optional(z.string()),
  address: z.optional(Address),
});

const Alignment = z.looseObject({
  type: typeContaining('Alignment'),
  targetName: z.string(),
  targetUrl: z.string(),
  targetCode: z.optional(z.string()),
  targetFramework: z.optional(z.string()),
  targetType: z.optional(z.string()),
});

/** The registry's own extension (ob3.ts), read back when a partner re-sends one of our exports. */
const EuMicroCredential = z.looseObject({
  countries: z.optional(z.array(z.string())),
  issuerKind: z.optional(z.enum(['hei', 'provider'])),
  learningOutcomes: z.optional(z.array(z.string())),
  ects: z.optional(z.number().check(z.positive())),
  workloadHours: z.optional(z.number().check(z.positive())),
  eqfLevel: z.optional(z.int().check(z.gte(1), z.lte(8))),
  assessment: z.optional(Assessment),
  participation: z.optional(Participation),
  qualityAssurance: z.optional(QualityAssurance),
  supervision: z.optional(Supervision),
});

const Achievement = z.looseObject({
  id: z.string(),
  type: typeContaining('Achievement'),
  name: z.string(),
  description: z.string(),
  criteria: z.looseObject({ id: z.optional(z.string()), narrative: z.optional(z.string()) }),
  creditsAvailable: z.optional(z.number()),
  alignment: z.optional(z.array(Alignment)),
  creator: z.optional(Profile),
  euMicroCredential: z.optional(EuMicroCredential),
});

const OB3_CONTEXT = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/;

const Ob3Credential = z.looseObject({
  '@context': z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).check(
    z.minLength(2, '@context must list the VC 2.0 and the OB 3.0 contexts'),
    z.refine(
      (c) => c[0] === 'https://www.w3.org/ns/credentials/v2',
      '@context must start with https://www.w3.org/ns/credentials/v2',
    ),
    z.refine(
      (c) => typeof c[1] === 'string' && OB3_CONTEXT.test(c[1]),
      'the second @context entry must be the OB 3.0 context',
    ),
  ),
  id: z.string(),
  type: z.array(z.string()).check(
    z.refine((t) => t.includes('VerifiableCredential'), 'type must contain "VerifiableCredential"'),
    z.refine(
      (t) => t.includes('AchievementCredential') || t.includes('OpenBadgeCredential'),
      'type must contain "AchievementCredential" or "OpenBadgeCredential"',
    ),
  ),
  issuer: z.union([z.string(), Profile]),
  validFrom: DateTime,
  validUntil: z.optional(DateTime),
  awardedDate: z.optional(DateTime),
  credentialSubject: z.looseObject({
    type: typeContaining('AchievementSubject'),
    achievement: Achievement,
    creditsEarned: z.optional(z.number()),
  }),
  proof: z.optional(z.array(z.looseObject({ type: z.string() }))),
});

export const isOb3 = (types: readonly string[]): boolean =>
  types.includes('AchievementCredential') || types.includes('OpenBadgeCredential');

const eqfFrom = (alignments: readonly z.infer<typeof Alignment>[]): number | undefined => {
  for (const a of alignments) {
    const byUrl = EQF_LEVEL_URI.exec(a.targetUrl);
    if (byUrl?.[1]) return Number(byUrl[1]);
    const framework = `${a.targetFramework ?? ''} ${a.targetType ?? ''}`;
    if (/European Qualifications Framework|EQF/i.test(framework) && a.targetCode && /^[1-8]$/.test(a.targetCode))
      return Number(a.targetCode);
  }
  return undefined;
};

export const readOb3 = (document: unknown): Reading => {
  const doc = parseOrThrow(Ob3Credential, document, 'Open Badges 3.0 AchievementCredential');
  const subject = doc.credentialSubject;
  const achievement = subject.achievement;
  const ext = achievement.euMicroCredential;
  const alignments = achievement.alignment ?? [];
  const issuer = typeof doc.issuer === 'string' ? undefined : doc.issuer;
  const warnings: string[] = [];

  const issuerName = issuer?.name ?? achievement.creator?.name;
  const countryCode =
    issuer?.address?.addressCountryCode ?? achievement.creator?.address?.addressCountryCode ?? ext?.countries?.[0];
  const country = countryFrom(countryCode);
  if (countryCode !== undefined && country === undefined)
    warnings.push(`country "${countryCode}" is not an ISO 3166-1 code`);

  const credits = subject.creditsEarned ?? achievement.creditsAvailable ?? ext?.ects;
  if (credits !== undefined && ext?.ects === undefined) {
    warnings.push('OB3 does not name the credit system: creditsEarned/creditsAvailable are read as ECTS');
  }
  const eqfLevel = eqfFrom(alignments) ?? ext?.eqfLevel;
  const subjectArea = alignments.map((a) => ISCED_F_URI.exec(a.targetUrl)?.[1]).find((code) => code !== undefined);
  const competencies = alignments.some(
    (a) => a.targetType === 'ceasn:Competency' || a.targetUrl.includes('/esco/skill/'),
  );
  if (!ext?.learningOutcomes?.length && !competencies)
    warnings.push('learning outcomes are not stated as such; see the achievement criteria');

  return {
    title: achievement.name,
    awardingBodies: issuerName ? [issuerName] : [],
    issuerId: typeof doc.issuer === 'string' ? doc.issuer : doc.issuer.id,
    ...(country ? { country } : {}),
    ...(credits !== undefined && credits > 0 ? { ects: credits } : {}),
    ...(eqfLevel !== undefined ? { eqfLevel } : {}),
    ...(ext?.qualityAssurance ? { qualityAssurance: ext.qualityAssurance } : {}),
    issuedOn: dateOf(doc.awardedDate ?? doc.validFrom),
    ...(ext?.issuerKind ? { issuerKind: ext.issuerKind } : {}),
    ...(ext?.supervision ? { supervision: ext.supervision } : {}),
    ...(subjectArea ? { subjectArea } : {}),
    ...(ext?.workloadHours ? { workloadHours: ext.workloadHours } : {}),
    describedBy: achievement.id,
    states: {
      learningOutcomes: Boolean(ext?.learningOutcomes?.length) || competencies,
      assessment: ext?.assessment !== undefined,
      participation: ext?.participation !== undefined,
    },
    warnings: [
      ...warnings,
      ...(doc.proof?.length
        ? [`the document carries a proof (${doc.proof.map((p) => p.type).join(', ')}) that was not verified`]
        : []),
    ],
  };
};
