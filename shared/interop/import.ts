import { ExternalCredential } from '../schemas/achievement.js';
import { readElm, isElm } from './import-elm.js';
import { readOb3, isOb3 } from './import-ob3.js';
import { invalidDocument, parseOrThrow, type Reading } from './import-reading.js';
import { ELEMENT_LABELS, type IssuedElement } from './standard-elements.js';

/*
 * Import of an external credential document (OB3 AchievementCredential or Europass EDC) as the
 * external achievement of SPEC §3. Rules (docs/interoperability.md):
 * - the document is validated with a zod schema of the official schema's required properties and
 *   of every property read; an unrecognised or malformed document is VALIDATION_FAILED naming paths;
 * - an element the document lacks is listed in `missing`; where the SPEC §3 shape still needs a
 *   value, a conservative placeholder stands in (country XX, EQF 1, internal QA), named in a warning,
 *   so the imported credential can never count because of an element it did not state;
 * - a document with neither ECTS nor a workload in hours is refused: nothing could count it;
 * - proofs are not verified: `verified` is always false.
 */

export interface ImportedCredential {
  external: ExternalCredential;
  format: 'ob3' | 'elm';
  /** The id of the achievement or specification the document describes (a registry export URL for ours). */
  describedBy?: string;
  /** EU standard elements the document does not state (SPEC §2), in the registry's element names. */
  missing: IssuedElement[];
  verified: false;
  warnings: string[];
}

const PLACEHOLDERS = { country: 'XX', eqfLevel: 1, qualityAssurance: 'internal' } as const;

const typesOf = (document: unknown): string[] => {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw invalidDocument('expected a credential as a JSON object (JWT-encoded credentials are not accepted)', [
      { path: '(document)', message: 'must be a JSON object' },
    ]);
  }
  const type: unknown = (document as { type?: unknown }).type; // narrowed below: only strings are kept
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
};

const assemble = (reading: Reading, format: ImportedCredential['format']): ImportedCredential => {
  const stated: Record<IssuedElement, boolean> = {
    title: reading.title.length > 0,
    country: reading.country !== undefined,
    awardingBodies: reading.awardingBodies.length > 0,
    learningOutcomes: reading.states.learningOutcomes,
    workload: reading.ects !== undefined,
    level: reading.eqfLevel !== undefined,
    assessment: reading.states.assessment,
    participation: reading.states.participation,
    qualityAssurance: reading.qualityAssurance !== undefined,
    issuedOn: reading.issuedOn.length > 0,
  };
  const missing = (Object.keys(stated) as IssuedElement[]).filter((e) => !stated[e]); // keys of a Record<IssuedElement, …>
  if (reading.ects === undefined) {
    throw invalidDocument(
      'the credential states neither ECTS credit points nor a workload in hours, so it cannot count towards anything',
      [
        {
          path:
            format === 'ob3'
              ? 'credentialSubject.achievement.creditsAvailable'
              : 'credentialSubject.hasClaim.specifiedBy.creditPoint',
          message: 'missing',
        },
      ],
    );
  }
  const placeholders = [
    ...(reading.country === undefined ? [`country ${PLACEHOLDERS.country}`] : []),
    ...(reading.eqfLevel === undefined ? [`EQF level ${PLACEHOLDERS.eqfLevel}`] : []),
    ...(reading.qualityAssurance === undefined ? [`quality assurance "${PLACEHOLDERS.qualityAssurance}"`] : []),
  ];
  const external = parseOrThrow(
    ExternalCredential,
    {
      title: reading.title,
      issuer: reading.awardingBodies.join(', ') || reading.issuerId,
      country: reading.country ?? PLACEHOLDERS.country,
      ects: reading.ects,
      eqfLevel: reading.eqfLevel ?? PLACEHOLDERS.eqfLevel,
      qualityAssurance: reading.qualityAssurance ?? PLACEHOLDERS.qualityAssurance,
      issuedOn: reading.issuedOn,
      ...(reading.issuerKind ? { issuerKind: reading.issuerKind } : {}),
      ...(reading.supervision ? { supervision: reading.supervision } : {}),
      ...(reading.subjectArea ? { subjectArea: reading.subjectArea } : {}),
      ...(reading.workloadHours !== undefined ? { workloadHours: reading.workloadHours } : {}),
      verified: false,
    },
    'external credential (SPEC §3)',
    ['external'],
  );
  return {
    external,
    format,
    ...(reading.describedBy ? { describedBy: reading.describedBy } : {}),
    missing,
    verified: false,
    warnings: [
      ...reading.warnings,
      ...missing.map((e) => `the document does not state the ${ELEMENT_LABELS[e]}`),
      ...(placeholders.length > 0 ? [`placeholders stand in for missing elements: ${placeholders.join(', ')}`] : []),
      ...(reading.awardingBodies.length === 0
        ? [`no awarding body is named: the issuer identifier ${reading.issuerId ?? ''} is used`]
        : []),
      'signatures are not verified: verified is false',
    ],
  };
};

/** OB3 AchievementCredential or Europass EDC credential → SPEC §3 external achievement. */
export const importExternalCredential = (document: unknown): ImportedCredential => {
  const types = typesOf(document);
  if (isElm(types)) return assemble(readElm(document), 'elm');
  if (isOb3(types)) return assemble(readOb3(document), 'ob3');
  throw invalidDocument(
    'unrecognised credential: expected an Open Badges 3.0 AchievementCredential or a Europass EDC credential',
    [
      {
        path: 'type',
        message: 'must contain "AchievementCredential", "OpenBadgeCredential" or "EuropeanDigitalCredential"',
      },
    ],
  );
};
