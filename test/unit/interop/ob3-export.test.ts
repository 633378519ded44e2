import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.js';
import { credentialToOb3Achievement, programmeToOb3Achievement } from '../../../shared/interop/ob3.js';
import {
  BASE_URL,
  catalogue,
  credential,
  institutions,
  jointMaster,
  jointMasterComponents,
  microDegreeRule,
} from './fixtures.js';
import { schemaErrors, validators } from '../../support/official-schemas.js';

const opts = { baseUrl: BASE_URL };

describe('credentialToOb3Achievement', () => {
  it.each(catalogue.map((c) => [c.id, c] as const))(
    'exports %s as an Achievement the official OB 3.0 schema accepts',
    (_id, c) => {
      expect(schemaErrors(validators.ob3Achievement, credentialToOb3Achievement(c, institutions, opts))).toEqual([]);
    },
  );

  it('is checked by a validator that rejects an Achievement without criteria', () => {
    const { criteria: _criteria, ...withoutCriteria } = credentialToOb3Achievement(catalogue[0]!, institutions, opts);
    expect(schemaErrors(validators.ob3Achievement, withoutCriteria)).toContain(
      "(root) must have required property 'criteria'",
    );
  });

  it('states type, micro-credential kind, ECTS and a version-pinned id', () => {
    const a = credentialToOb3Achievement(catalogue[0]!, institutions, { baseUrl: `${BASE_URL}/` });
    expect(a).toMatchObject({
      type: ['Achievement'],
      achievementType: 'MicroCredential',
      creditsAvailable: 5,
      id: `${BASE_URL}/credentials/luh-mc1@1/export?format=ob3`,
      version: '1',
    });
    expect(a['@context'].slice(0, 2)).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
  });

  it('aligns the achievement to its EQF level in the European Qualifications Framework', () => {
    const a = credentialToOb3Achievement(credential('x-eqf6', 'luh', { eqfLevel: 6 }), institutions, opts);
    expect(a.alignment).toContainEqual(
      expect.objectContaining({
        targetUrl: 'http://data.europa.eu/snb/eqf/6',
        targetCode: '6',
        targetType: 'ext:EQFLevel',
      }),
    );
  });

  it('aligns each ESCO skill as a competency', () => {
    const c = catalogue[0]!;
    const escoTargets = credentialToOb3Achievement(c, institutions, opts)
      .alignment.filter((x) => x.targetFramework === 'ESCO')
      .map((x) => x.targetUrl);
    expect(escoTargets).toEqual(c.skills);
  });

  it('gives the ISCED-F field of study by broad field name and code', () => {
    expect(credentialToOb3Achievement(catalogue[0]!, institutions, opts).fieldOfStudy).toBe(
      'Information and Communication Technologies (ISCED-F 0613)',
    );
  });

  it('writes the learning outcomes and the assessment into the criteria narrative', () => {
    const { narrative } = credentialToOb3Achievement(catalogue[0]!, institutions, opts).criteria;
    expect(narrative).toContain('- Explain the core methods of luh-mc1');
    expect(narrative).toContain('Assessment: project; on-site with identity verification.');
  });

  it('names the awarding institution as creator with its country', () => {
    expect(
      credentialToOb3Achievement(catalogue.find((c) => c.institutionId === 'but')!, institutions, opts).creator,
    ).toMatchObject({
      id: `${BASE_URL}/institutions/but`,
      name: 'Brno University of Technology',
      address: { addressCountryCode: 'CZ' },
    });
  });

  it('normalises a BCP-47 language to the OB3 language pattern', () => {
    expect(
      credentialToOb3Achievement(credential('x-lang', 'tuwien', { language: ['DE-at'] }), institutions, opts)
        .inLanguage,
    ).toBe('de-AT');
  });

  it('carries the EU elements OB3 has no place for in the euMicroCredential extension', () => {
    expect(credentialToOb3Achievement(catalogue[0]!, institutions, opts).euMicroCredential).toMatchObject({
      qualityAssurance: 'external-esg',
      assessment: 'project',
      participation: 'blended',
      supervision: 'onsite-id',
      countries: ['DE'],
      issuerKind: 'hei',
    });
  });

  it('fails with NOT_FOUND when an awarding body is not among the institutions', () => {
    const orphan = credential('x-orphan', 'luh', { awardingBodies: ['luh', 'nowhere'], qaResponsible: 'luh' });
    expect(() => credentialToOb3Achievement(orphan, institutions, opts)).toThrow(DomainError);
  });
});

describe('programmeToOb3Achievement', () => {
  const master = programmeToOb3Achievement(jointMaster, jointMasterComponents, institutions, opts);

  it('exports the agreed joint master as an Achievement the official schema accepts', () => {
    expect(schemaErrors(validators.ob3Achievement, master)).toEqual([]);
  });

  it('exports a micro-degree under negotiation as an Achievement the official schema accepts', () => {
    const degree = programmeToOb3Achievement(
      { id: 'md', title: microDegreeRule.title, rule: microDegreeRule },
      catalogue.slice(0, 4),
      institutions,
      opts,
    );
    expect(schemaErrors(validators.ob3Achievement, degree)).toEqual([]);
  });

  it('links each of the twelve component achievements as related', () => {
    expect(master.related?.map((r) => r.id)).toEqual(
      jointMasterComponents.map((c) => `${BASE_URL}/credentials/${c.id}@1/export?format=ob3`),
    );
  });

  it('is a 60 ECTS master degree at EQF 7 pinned to the agreed version and rule hash', () => {
    expect(master).toMatchObject({
      achievementType: 'MasterDegree',
      creditsAvailable: 60,
      version: '2',
      id: `${BASE_URL}/programmes/demo-joint-master/versions/2`,
    });
    expect(master.otherIdentifier).toContainEqual(
      expect.objectContaining({ identifier: `sha256:${jointMaster.contentHash}` }),
    );
    expect(master.alignment[0]).toMatchObject({ targetUrl: 'http://data.europa.eu/snb/eqf/7' });
  });

  it('states the per-institution composition and that no entitlement follows', () => {
    expect(master.criteria.narrative).toContain('- Technische Universität Wien: exactly 3 credentials');
    expect(master.criteria.narrative).toContain('no automatic entitlement');
  });
});
