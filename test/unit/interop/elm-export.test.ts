import { describe, expect, it } from 'vitest';
import {
  credentialToElmSpecification,
  ELM_CONTEXT,
  programmeToElm,
  withElmContext,
} from '../../../shared/interop/elm.js';
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

describe('credentialToElmSpecification', () => {
  it.each(catalogue.map((c) => [c.id, c] as const))(
    'exports %s as a LearningAchievementSpecification the official ELM schema accepts',
    (_id, c) => {
      expect(schemaErrors(validators.elmSpecification, credentialToElmSpecification(c, institutions, opts))).toEqual(
        [],
      );
    },
  );

  it('exports a minimal credential (no optional elements) that the schema accepts', () => {
    const bare = credential('x-bare', 'lut', {
      skills: undefined,
      workloadHours: undefined,
      supervision: undefined,
      prerequisites: undefined,
      subjectArea: undefined,
      language: undefined,
    });
    expect(schemaErrors(validators.elmSpecification, credentialToElmSpecification(bare, institutions, opts))).toEqual(
      [],
    );
  });

  it('is checked by a validator that rejects a specification without a title', () => {
    const { title: _title, ...untitled } = credentialToElmSpecification(catalogue[0]!, institutions, opts);
    expect(schemaErrors(validators.elmSpecification, untitled)).toContain("(root) must have required property 'title'");
  });

  it('gives ECTS credit points, the EQF level and the ISCED-F field as EU vocabulary concepts', () => {
    const spec = credentialToElmSpecification(catalogue[0]!, institutions, opts);
    expect(spec.creditPoint).toEqual([
      expect.objectContaining({
        point: '5',
        framework: expect.objectContaining({ id: 'http://data.europa.eu/snb/education-credit/6fcec5c5af' }),
      }),
    ]);
    expect(spec.educationLevel).toEqual([expect.objectContaining({ id: 'http://data.europa.eu/snb/eqf/7' })]);
    expect(spec.thematicArea).toEqual([expect.objectContaining({ id: 'http://data.europa.eu/snb/isced-f/0613' })]);
  });

  it('lists each learning outcome with the credential ESCO skills', () => {
    const c = catalogue[0]!;
    const outcomes = credentialToElmSpecification(c, institutions, opts).learningOutcome as {
      title: Record<string, string>;
      relatedESCOSkill: { id: string }[];
    }[];
    expect(outcomes.map((o) => o.title.en)).toEqual(c.learningOutcomes);
    expect(outcomes[0]?.relatedESCOSkill.map((s) => s.id)).toEqual(c.skills);
  });

  it('names the awarding bodies with their country in the EU country authority', () => {
    const spec = credentialToElmSpecification(catalogue.find((c) => c.institutionId === 'tuwien')!, institutions, opts);
    expect(JSON.stringify(spec.awardingOpportunity)).toContain(
      'http://publications.europa.eu/resource/authority/country/AUT',
    );
  });

  it('states the prerequisites as entry requirements', () => {
    const spec = credentialToElmSpecification(catalogue.find((c) => c.id === 'upm-mc4')!, institutions, opts);
    expect(spec.entryRequirement).toMatchObject({
      noteLiteral: { es: `Completion of: upm-mc1 (${BASE_URL}/credentials/upm-mc1)` },
    });
  });

  it('states the mode of learning and the type of assessment', () => {
    const spec = credentialToElmSpecification(catalogue[0]!, institutions, opts);
    expect(spec.mode).toEqual([expect.objectContaining({ notation: 'blended' })]);
    expect(spec.provenBy).toEqual([expect.objectContaining({ title: { en: 'project' } })]);
  });

  it('keeps @context out of the node, because the official definition is closed', () => {
    const spec = credentialToElmSpecification(catalogue[0]!, institutions, opts);
    expect(withElmContext(spec)['@context']).toEqual(ELM_CONTEXT);
    expect(schemaErrors(validators.elmSpecification, withElmContext(spec))).toEqual([
      '(root) must NOT have additional properties',
    ]);
  });
});

describe('programmeToElm', () => {
  const master = programmeToElm(jointMaster, jointMasterComponents, institutions, opts);

  it('exports the joint master as a LearningOpportunity the official ELM schema accepts', () => {
    expect(schemaErrors(validators.elmLearningOpportunity, master)).toEqual([]);
  });

  it('describes the joint master award as a Qualification at EQF 7 that the schema accepts', () => {
    expect(master.learningAchievementSpecification).toMatchObject({
      type: 'Qualification',
      eqfLevel: { id: 'http://data.europa.eu/snb/eqf/7' },
    });
    expect(schemaErrors(validators.elmQualification, master.learningAchievementSpecification)).toEqual([]);
  });

  it('has one part per component, carrying that credential specification', () => {
    expect(master.hasPart?.map((p) => p.learningAchievementSpecification.id)).toEqual(
      jointMasterComponents.map((c) => `${BASE_URL}/credentials/${c.id}@1/export?format=elm`),
    );
  });

  it('lists every member institution as an awarding body of the award', () => {
    const award = JSON.stringify(master.learningAchievementSpecification.awardingOpportunity);
    for (const id of ['luh', 'lut', 'but', 'tuwien', 'upm']) expect(award).toContain(`${BASE_URL}/institutions/${id}`);
  });

  it('exports a micro-degree whose specification has the components as parts, accepted by the schema', () => {
    const degree = programmeToElm(
      { id: 'md', title: microDegreeRule.title, rule: microDegreeRule },
      catalogue.slice(0, 4),
      institutions,
      opts,
    );
    expect(schemaErrors(validators.elmLearningOpportunity, degree)).toEqual([]);
    expect(degree.learningAchievementSpecification.hasPart).toHaveLength(4);
  });
});
