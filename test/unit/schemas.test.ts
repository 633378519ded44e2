import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../../shared/schemas/issues.js';
import { CredentialDraft } from '../../shared/schemas/credential.js';
import { Rule } from '../../shared/schemas/rule.js';
import { Institution } from '../../shared/schemas/institution.js';
import { credentialDraft } from '../support/drafts.js';

const draft = credentialDraft({ title: 'Machine Learning', learningOutcomes: ['Apply supervised learning'] });

const issuesOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  expect(parsed.success).toBe(false);
  return toFieldIssues(parsed.error as Parameters<typeof toFieldIssues>[0]);
};

describe('CredentialDraft', () => {
  it('accepts every mandatory EU standard element of an offering', () => {
    expect(CredentialDraft.safeParse(draft).success).toBe(true);
  });

  it('names a missing field in path and message', () => {
    const { title: _omitted, ...rest } = draft;
    expect(issuesOf(CredentialDraft, rest)).toContainEqual({ path: 'title', message: 'title is required' });
  });

  it('lists the allowed values of an enum', () => {
    const [issue] = issuesOf(CredentialDraft, { ...draft, participation: 'telepathy' });
    expect(issue).toMatchObject({ path: 'participation' });
    expect(issue?.message).toContain('"blended"');
  });

  it('requires qaResponsible for a credential of several awarding bodies', () => {
    expect(issuesOf(CredentialDraft, { ...draft, awardingBodies: ['luh', 'tuwien'] }).map((i) => i.path)).toEqual([
      'qaResponsible',
    ]);
    expect(
      CredentialDraft.safeParse({ ...draft, awardingBodies: ['luh', 'tuwien'], qaResponsible: 'luh' }).success,
    ).toBe(true);
  });

  it('rejects ects of 0, an EQF level of 9 and a malformed ESCO skill', () => {
    const paths = issuesOf(CredentialDraft, { ...draft, ects: 0, eqfLevel: 9, skills: ['python'] }).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['ects', 'eqfLevel', 'skills.0']));
  });

  it('accepts ISCED-F codes of 2 to 4 digits only', () => {
    expect(CredentialDraft.safeParse({ ...draft, subjectArea: '0613' }).success).toBe(true);
    expect(CredentialDraft.safeParse({ ...draft, subjectArea: '06' }).success).toBe(true);
    expect(CredentialDraft.safeParse({ ...draft, subjectArea: '06131' }).success).toBe(false);
  });
});

describe('Institution', () => {
  it('requires an ISO 3166-1 alpha-2 country and a lowercase slug id', () => {
    const paths = issuesOf(Institution, { id: 'LUH', name: 'x', country: 'Germany', kind: 'hei' }).map((i) => i.path);
    expect(paths).toEqual(['id', 'country']);
  });
});

describe('Rule', () => {
  const rule = { title: 'Joint Master', award: 'joint-master', eqfLevel: 7, ects: { min: 60, max: 60 } };

  it('accepts the smallest rule and keeps it exactly as sent (no defaults added)', () => {
    const parsed = Rule.parse(rule);
    expect(parsed).toEqual(rule);
  });

  it('names a min above its max at the max', () => {
    expect(issuesOf(Rule, { ...rule, ects: { min: 60, max: 30 } }).map((i) => i.path)).toEqual(['ects.max']);
    const bounds = { ...rule, institutions: [{ id: 'luh', minCount: 3, maxCount: 2 }] };
    expect(issuesOf(Rule, bounds).map((i) => i.path)).toEqual(['institutions.0.maxCount']);
  });

  it('rejects unknown fields, so the stored rule is the rule sent', () => {
    expect(issuesOf(Rule, { ...rule, extra: 1 })[0]?.message).toContain('extra');
  });

  it('rejects a joint master below EQF 7', () => {
    expect(issuesOf(Rule, { ...rule, eqfLevel: 6 }).map((i) => i.path)).toEqual(['eqfLevel']);
  });

  it('rejects an exclusion group of one credential and a requirement that draws from nothing', () => {
    const paths = issuesOf(Rule, {
      ...rule,
      exclusions: [['luh-a']],
      requirements: [{ id: 'core', title: 'Core', from: {} }],
    }).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['exclusions.0', 'requirements.0.from']));
  });
});
