import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.js';
import type { ExternalCredential } from '../../../shared/schemas/achievement.js';
import type { Rule } from '../../../shared/schemas/rule.js';
import {
  checkRecognition,
  type RecognitionAnswer,
  type RecognitionSubject,
  type RecognitionTarget,
} from '../../../shared/interop/recognition.js';
import { credential, institutions, jointMasterRule, members } from './fixtures.js';

const AS_OF = '2025-06-01';
const master: RecognitionTarget = { kind: 'programme', rule: jointMasterRule, members };
const registry = (overrides: Parameters<typeof credential>[2] = {}, institutionId = 'luh'): RecognitionSubject => ({
  kind: 'registry',
  credential: credential('luh-rec', institutionId, overrides),
  qaInstitution: institutions[institutionId]!,
});
/** `missing` as an import reports it; 'typed-in' for an external credential sent without a document. */
const external = (
  overrides: Partial<ExternalCredential> = {},
  missing: string[] | 'typed-in' = [],
): RecognitionSubject => ({
  kind: 'external',
  external: {
    title: 'Data Engineering',
    issuer: 'Delft University of Technology',
    country: 'NL',
    ects: 5,
    eqfLevel: 7,
    qualityAssurance: 'external-esg',
    issuedOn: '2024-01-15',
    issuerKind: 'hei',
    supervision: 'onsite-id',
    ...overrides,
  },
  ...(missing === 'typed-in' ? {} : { missing }),
});
const check = (answer: RecognitionAnswer, element: string) => {
  const found = answer.checks.find((c) => c.element === element);
  if (found === undefined) throw new Error(`no check for ${element}`);
  return found;
};
const withComponents = (components: Rule['components'], extra: Partial<Rule> = {}): RecognitionTarget => ({
  kind: 'programme',
  rule: { ...jointMasterRule, components, ...extra },
  members,
});

describe('checkRecognition: standard elements', () => {
  it('checks every mandatory EU element of an offering', () => {
    const elements = checkRecognition(registry(), master, AS_OF).checks.map((c) => c.element);
    expect(elements).toEqual(
      expect.arrayContaining([
        'title',
        'country',
        'awardingBodies',
        'learningOutcomes',
        'workload',
        'level',
        'assessment',
        'participation',
        'qualityAssurance',
      ]),
    );
  });

  it('checks the date of issuing of an external credential but not of an offering', () => {
    expect(checkRecognition(external(), master, AS_OF).checks.map((c) => c.element)).toContain('issuedOn');
    expect(checkRecognition(registry(), master, AS_OF).checks.map((c) => c.element)).not.toContain('issuedOn');
  });

  it('answers yes for a complete member credential that meets the joint master rule', () => {
    const answer = checkRecognition(registry(), master, AS_OF);
    expect(answer.checks.filter((c) => !c.ok)).toEqual([]);
    expect(answer).toMatchObject({ compatible: 'yes', recognitionRoute: 'academic-recognition' });
  });

  it('answers no for a nano-credential below 1 ECTS', () => {
    const answer = checkRecognition(registry({ ects: 0.5, workloadHours: 14 }), master, AS_OF);
    expect(check(answer, 'workload')).toMatchObject({ ok: false, severity: 'blocking' });
    expect(answer.compatible).toBe('no');
  });

  it('flags a workload outside 25–30 hours per ECTS as a condition', () => {
    const answer = checkRecognition(registry({ workloadHours: 100 }), master, AS_OF);
    expect(check(answer, 'workloadHours')).toMatchObject({
      ok: false,
      severity: 'condition',
      message: '100 hours for 5 ECTS (20 hours per ECTS; expected 25–30)',
    });
    expect(answer.compatible).toBe('with-conditions');
  });

  it('flags more than 30 hours per ECTS', () => {
    expect(check(checkRecognition(registry({ workloadHours: 155 }), master, AS_OF), 'workloadHours').ok).toBe(false);
  });

  it('accepts 30 hours per ECTS', () => {
    expect(check(checkRecognition(registry({ workloadHours: 150 }), master, AS_OF), 'workloadHours').ok).toBe(true);
  });

  it('answers no when a country is not an ISO 3166-1 code', () => {
    const answer = checkRecognition(registry({ countries: ['QQ'] }), master, AS_OF);
    expect(check(answer, 'country').ok).toBe(false);
    expect(answer.compatible).toBe('no');
  });

  it('answers no when an imported document lacks a mandatory element', () => {
    const answer = checkRecognition(external({}, ['level']), master, AS_OF);
    expect(check(answer, 'level')).toMatchObject({ ok: false, message: 'the level (EQF) is not stated' });
    expect(answer.compatible).toBe('no');
  });

  it('treats learning outcomes, assessment and participation of a typed-in external credential as conditions', () => {
    const answer = checkRecognition(
      external({}, 'typed-in'),
      { kind: 'institution', institution: institutions.tuwien! },
      AS_OF,
    );
    for (const e of ['learningOutcomes', 'assessment', 'participation'])
      expect(check(answer, e)).toMatchObject({ ok: false, severity: 'condition' });
    expect(answer.compatible).toBe('with-conditions');
  });
});

describe('checkRecognition: against the target', () => {
  it('answers no for a level below the component minimum', () => {
    const answer = checkRecognition(registry({ eqfLevel: 6 }), master, AS_OF);
    expect(check(answer, 'targetLevel')).toMatchObject({ ok: false, severity: 'blocking' });
    expect(answer.compatible).toBe('no');
  });

  it('makes a level below the programme level a condition when the rule sets no minimum', () => {
    const answer = checkRecognition(
      registry({ eqfLevel: 6 }),
      withComponents({ qualityAssurance: ['external-esg'] }),
      AS_OF,
    );
    expect(check(answer, 'targetLevel')).toMatchObject({ ok: false, severity: 'condition' });
    expect(answer.compatible).toBe('with-conditions');
  });

  it('flags a quality assurance type the rule does not accept', () => {
    expect(
      check(checkRecognition(registry({ qualityAssurance: 'internal' }), master, AS_OF), 'targetQualityAssurance').ok,
    ).toBe(false);
  });

  it('flags a cooperative credential that names no institution responsible for QA', () => {
    const answer = checkRecognition(
      registry({ awardingBodies: ['luh', 'tuwien'], countries: ['DE', 'AT'] }),
      master,
      AS_OF,
    );
    expect(check(answer, 'qaResponsible')).toMatchObject({ ok: false });
  });

  it('accepts a cooperative credential with qaResponsible', () => {
    const answer = checkRecognition(
      registry({ awardingBodies: ['luh', 'tuwien'], countries: ['DE', 'AT'], qaResponsible: 'luh' }),
      master,
      AS_OF,
    );
    expect(check(answer, 'qaResponsible').ok).toBe(true);
  });

  it('flags supervision weaker than the rule minimum', () => {
    const answer = checkRecognition(registry({ supervision: 'supervised' }), master, AS_OF);
    expect(check(answer, 'targetSupervision')).toMatchObject({ ok: false, severity: 'condition' });
  });

  it('flags unstated supervision when the rule sets a minimum', () => {
    expect(check(checkRecognition(registry({ supervision: undefined }), master, AS_OF), 'targetSupervision').ok).toBe(
      false,
    );
  });

  it('flags an external credential issued more than maxAgeYears before asOf', () => {
    expect(check(checkRecognition(external({ issuedOn: '2020-05-31' }), master, AS_OF), 'targetAge').ok).toBe(false);
  });

  it('accepts an external credential issued exactly maxAgeYears before asOf', () => {
    expect(check(checkRecognition(external({ issuedOn: '2020-06-01' }), master, AS_OF), 'targetAge').ok).toBe(true);
  });

  it('flags an external credential issued after asOf', () => {
    expect(check(checkRecognition(external({ issuedOn: '2025-06-02' }), master, AS_OF), 'targetAge').ok).toBe(false);
  });

  it('flags a credential of a non-member institution', () => {
    const answer = checkRecognition(registry({}, 'skillhub'), master, AS_OF);
    expect(check(answer, 'targetMembership').ok).toBe(false);
  });

  it('flags an external credential when the rule counts no external ECTS, and accepts it within the allowance', () => {
    expect(check(checkRecognition(external(), master, AS_OF), 'targetMembership').ok).toBe(false);
    expect(
      check(
        checkRecognition(external(), withComponents(jointMasterRule.components, { externalMaxEcts: 10 }), AS_OF),
        'targetMembership',
      ).ok,
    ).toBe(true);
  });

  it('flags a stand-alone credential when the rule counts stackable ones only', () => {
    expect(
      check(checkRecognition(registry({ stackability: 'standalone' }), master, AS_OF), 'targetStackability').ok,
    ).toBe(false);
  });

  it('flags a credential larger than the component maximum', () => {
    expect(check(checkRecognition(registry({ ects: 6, workloadHours: 180 }), master, AS_OF), 'targetSize').ok).toBe(
      false,
    );
  });

  it('rejects an asOf that is not a date', () => {
    expect(() => checkRecognition(registry(), master, 'tomorrow')).toThrow(DomainError);
  });
});

describe('checkRecognition: route and notice', () => {
  it('routes a non-university provider to recognition of prior learning, with conditions', () => {
    const answer = checkRecognition(
      registry({}, 'skillhub'),
      { kind: 'institution', institution: institutions.luh! },
      AS_OF,
    );
    expect(answer).toMatchObject({ recognitionRoute: 'recognition-of-prior-learning', compatible: 'with-conditions' });
  });

  it('routes an external non-academic certification of unstated issuer kind to recognition of prior learning', () => {
    expect(
      checkRecognition(
        external({ issuerKind: undefined, qualityAssurance: 'non-academic-certification' }),
        master,
        AS_OF,
      ).recognitionRoute,
    ).toBe('recognition-of-prior-learning');
  });

  it('routes an external provider credential to recognition of prior learning', () => {
    expect(checkRecognition(external({ issuerKind: 'provider' }), master, AS_OF).recognitionRoute).toBe(
      'recognition-of-prior-learning',
    );
  });

  it('routes a university credential under accredited programme QA to academic recognition', () => {
    expect(
      checkRecognition(registry({ qualityAssurance: 'accredited-programme' }), master, AS_OF).recognitionRoute,
    ).toBe('academic-recognition');
  });

  it('routes a university credential with internal QA to academic recognition', () => {
    expect(checkRecognition(registry({ qualityAssurance: 'internal' }), master, AS_OF).recognitionRoute).toBe(
      'academic-recognition',
    );
  });

  it("routes a university credential certified outside academia by the university's kind", () => {
    expect(
      checkRecognition(registry({ qualityAssurance: 'non-academic-certification' }), master, AS_OF).recognitionRoute,
    ).toBe('academic-recognition');
  });

  it('routes a university-registered credential whose QA lies with a provider to recognition of prior learning', () => {
    const subject: RecognitionSubject = {
      kind: 'registry',
      credential: credential('luh-rec', 'luh', { qaResponsible: 'skillhub' }),
      qaInstitution: institutions.skillhub!,
    };
    expect(checkRecognition(subject, master, AS_OF).recognitionRoute).toBe('recognition-of-prior-learning');
  });

  it('routes an external credential of a stated university by its kind, whatever its QA', () => {
    expect(
      checkRecognition(external({ issuerKind: 'hei', qualityAssurance: 'internal' }), master, AS_OF).recognitionRoute,
    ).toBe('academic-recognition');
  });

  it('routes an external credential of unstated kind under programme accreditation to recognition of prior learning', () => {
    expect(
      checkRecognition(external({ issuerKind: undefined, qualityAssurance: 'accredited-programme' }), master, AS_OF)
        .recognitionRoute,
    ).toBe('recognition-of-prior-learning');
  });

  it('names the institution responsible for QA as the reason for the route', () => {
    expect(checkRecognition(registry({ qualityAssurance: 'internal' }), master, AS_OF).notice).toMatch(
      /Leibniz Universität Hannover, a higher education institution/,
    );
  });

  it('answers yes for a complete university credential sent to an institution', () => {
    expect(
      checkRecognition(registry(), { kind: 'institution', institution: institutions.upm! }, AS_OF).compatible,
    ).toBe('yes');
  });

  it('states that the receiving institution decides', () => {
    expect(checkRecognition(registry(), { kind: 'institution', institution: institutions.upm! }, AS_OF).notice).toMatch(
      /^Universidad Politécnica de Madrid decides on recognition; this check creates no entitlement/,
    );
    expect(checkRecognition(registry(), master, AS_OF).notice).toMatch(
      /^The awarding institutions of the programme decide/,
    );
  });
});
