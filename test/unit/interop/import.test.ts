import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.js';
import { importExternalCredential } from '../../../shared/interop/import.js';
import { credentialToOb3Achievement } from '../../../shared/interop/ob3.js';
import { BASE_URL, catalogue, institutions } from './fixtures.js';
import { elmExample, schemaErrors, validators } from '../../support/official-schemas.js';

/** An OB3 AchievementCredential as a partner's badge platform would issue it (no registry extension). */
const partnerBadge = (): Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:4a3b2c1d-0000-4000-8000-000000000001',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'Machine Learning Operations',
  issuer: {
    id: 'https://badges.tudelft.example/issuers/1',
    type: ['Profile'],
    name: 'Delft University of Technology',
    address: { type: ['Address'], addressCountryCode: 'NL' },
  },
  validFrom: '2024-09-30T16:00:00+02:00',
  credentialSubject: {
    id: 'did:example:learner-1',
    type: ['AchievementSubject'],
    achievement: {
      id: 'https://badges.tudelft.example/achievements/mlops',
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      name: 'Machine Learning Operations',
      description: 'Deploying and monitoring ML systems.',
      criteria: { narrative: 'Pass the final project.' },
      creditsAvailable: 4,
      fieldOfStudy: 'Computer science',
      alignment: [
        {
          type: ['Alignment'],
          targetName: 'Level 7',
          targetUrl: 'http://data.europa.eu/snb/eqf/7',
          targetFramework: 'European Qualifications Framework',
        },
        {
          type: ['Alignment'],
          targetName: 'use machine learning',
          targetUrl: 'http://data.europa.eu/esco/skill/8d5f4ec9-ff39-4b0b-bfd3-e9a7de9b5b0a',
          targetType: 'ceasn:Competency',
        },
      ],
    },
  },
  proof: [
    {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: 'did:example:issuer#key-1',
      proofValue: 'z58DAdFfa9SkqZMVPxAQp',
    },
  ],
});

/** Our own export wrapped in an AchievementCredential, as a learner's wallet would send it back. */
const registryBadge = (): Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:4a3b2c1d-0000-4000-8000-000000000002',
  type: ['VerifiableCredential', 'AchievementCredential'],
  issuer: {
    id: `${BASE_URL}/institutions/lut`,
    type: ['Profile'],
    name: 'LUT University',
    address: { type: ['Address'], addressCountryCode: 'FI' },
  },
  validFrom: '2025-02-14T09:00:00Z',
  awardedDate: '2025-02-10T12:00:00+02:00',
  credentialSubject: {
    type: ['AchievementSubject'],
    achievement: credentialToOb3Achievement(catalogue.find((c) => c.id === 'lut-mc1')!, institutions, {
      baseUrl: BASE_URL,
    }),
  },
});

const failure = (document: unknown): DomainError => {
  try {
    importExternalCredential(document);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('the import did not fail');
};

describe('importExternalCredential: Europass EDC', () => {
  it('reads a fixture the official EDC schema accepts', () => {
    expect(schemaErrors(validators.elmCredential, elmExample())).toEqual([]);
  });

  it('maps the example micro-credential to the SPEC external achievement', () => {
    const imported = importExternalCredential(elmExample());
    expect(imported).toMatchObject({
      format: 'elm',
      verified: false,
      external: {
        title: 'Data and software business',
        issuer: 'University of Life',
        country: 'BE',
        ects: 5,
        issuedOn: '2020-07-20',
        verified: false,
      },
    });
  });

  it('reports the EQF level, quality assurance and participation the example lacks', () => {
    expect(importExternalCredential(elmExample()).missing).toEqual(['level', 'participation', 'qualityAssurance']);
  });

  it('fills what it lacks with placeholders that cannot help it count, and says so', () => {
    const imported = importExternalCredential(elmExample());
    expect(imported.external).toMatchObject({ eqfLevel: 1, qualityAssurance: 'internal' });
    expect(imported.warnings).toContain(
      'placeholders stand in for missing elements: EQF level 1, quality assurance "internal"',
    );
  });

  it('reads the EQF level from the specification education level', () => {
    const doc = elmExample() as { credentialSubject: { hasClaim: { specifiedBy: Record<string, unknown> }[] } };
    doc.credentialSubject.hasClaim[0]!.specifiedBy.educationLevel = [
      { id: 'http://data.europa.eu/snb/eqf/6', type: 'Concept' },
    ];
    expect(schemaErrors(validators.elmCredential, doc)).toEqual([]);
    expect(importExternalCredential(doc).external.eqfLevel).toBe(6);
  });

  it('rejects an EDC credential whose awarding date is not a date-time, naming the path', () => {
    const doc = elmExample() as { credentialSubject: { hasClaim: { awardedBy: Record<string, unknown> }[] } };
    doc.credentialSubject.hasClaim[0]!.awardedBy.awardingDate = 'July 2020';
    expect(schemaErrors(validators.elmCredential, doc)).not.toEqual([]);
    expect(failure(doc).details).toContainEqual({
      path: 'credentialSubject.hasClaim.0.awardedBy.awardingDate',
      message: 'must be an RFC 3339 date-time',
    });
  });

  it('rejects an EDC credential without a learning achievement', () => {
    const doc = elmExample() as { credentialSubject: Record<string, unknown> };
    doc.credentialSubject.hasClaim = [];
    expect(failure(doc)).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'credentialSubject.hasClaim' }],
    });
  });
});

describe('importExternalCredential: Open Badges 3.0', () => {
  it('builds a partner badge the official OB 3.0 schema accepts', () => {
    expect(schemaErrors(validators.ob3Credential, partnerBadge())).toEqual([]);
  });

  it('maps title, issuer, country, ECTS, EQF and issue date of a partner badge', () => {
    expect(importExternalCredential(partnerBadge())).toMatchObject({
      format: 'ob3',
      external: {
        title: 'Machine Learning Operations',
        issuer: 'Delft University of Technology',
        country: 'NL',
        ects: 4,
        eqfLevel: 7,
        issuedOn: '2024-09-30',
      },
    });
  });

  it('reports what a plain badge cannot state: assessment, participation, quality assurance', () => {
    expect(importExternalCredential(partnerBadge()).missing).toEqual([
      'assessment',
      'participation',
      'qualityAssurance',
    ]);
  });

  it('never marks a credential verified, even when it carries a proof', () => {
    const imported = importExternalCredential(partnerBadge());
    expect(imported.verified).toBe(false);
    expect(imported.external.verified).toBe(false);
    expect(imported.warnings).toContain('the document carries a proof (DataIntegrityProof) that was not verified');
  });

  it('reads back every element of a registry export from the extension', () => {
    expect(schemaErrors(validators.ob3Credential, registryBadge())).toEqual([]);
    const imported = importExternalCredential(registryBadge());
    expect(imported.missing).toEqual([]);
    expect(imported.external).toMatchObject({
      issuer: 'LUT University',
      country: 'FI',
      ects: 5,
      eqfLevel: 7,
      qualityAssurance: 'external-esg',
      issuerKind: 'hei',
      supervision: 'onsite-id',
      issuedOn: '2025-02-10',
    });
  });

  it('rejects a badge without an achievement name, naming the path', () => {
    const doc = partnerBadge() as { credentialSubject: { achievement: Record<string, unknown> } };
    delete doc.credentialSubject.achievement.name;
    expect(schemaErrors(validators.ob3Credential, doc)).not.toEqual([]);
    expect(failure(doc).details.map((d) => d.path)).toContain('credentialSubject.achievement.name');
  });

  it('rejects a badge without the OB 3.0 context', () => {
    const doc = {
      ...partnerBadge(),
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/context.json'],
    };
    expect(schemaErrors(validators.ob3Credential, doc)).not.toEqual([]);
    expect(failure(doc).details.map((d) => d.path)).toContain('@context');
  });

  it('refuses a badge that states neither credits nor hours', () => {
    const doc = partnerBadge() as { credentialSubject: { achievement: Record<string, unknown> } };
    delete doc.credentialSubject.achievement.creditsAvailable;
    expect(failure(doc).details).toEqual([
      { path: 'credentialSubject.achievement.creditsAvailable', message: 'missing' },
    ]);
  });
});

describe('importExternalCredential: unrecognised input', () => {
  it('rejects a JWT string as not a JSON object', () => {
    expect(failure('eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2ln')).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: '(document)' }],
    });
  });

  it('rejects a verifiable credential of another kind, naming type', () => {
    const doc = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential', 'UniversityDegreeCredential'],
    };
    expect(failure(doc)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'type' }] });
  });
});
