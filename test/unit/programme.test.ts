import { describe, expect, it } from 'vitest';
import { contentHash } from '../../shared/domain/content-hash.js';
import { DomainError } from '../../shared/domain/errors.js';
import { amend, approve, comment, propose, withdraw } from '../../shared/domain/programme.js';
import { moduleWarnings, ruleWarnings } from '../../shared/domain/rule-warnings.js';
import type { Credential } from '../../shared/schemas/credential.js';
import { keyedIds, randomIds } from '../../shared/ports/ids.js';
import type { StoredProgramme } from '../../shared/ports/programme-repository.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import type { Rule } from '../../shared/schemas/rule.js';

const rule: Rule = { title: 'Joint Master', award: 'joint-master', eqfLevel: 7, ects: { min: 60, max: 60 } };
const members = ['luh', 'lut', 'but'];
const hash = contentHash(rule);
const now = '2026-11-23T10:00:00.000Z';

const proposed = (): StoredProgramme => {
  const change = propose({
    id: 'p',
    allianceId: 'demo',
    rule,
    contentHash: hash,
    warnings: [],
    actor: { sub: 'c' },
    now,
  });
  return { programme: change.programme, rev: 1, eventCount: 1 };
};

const approval = (
  state: StoredProgramme,
  institutionId: string,
  overrides: Partial<{ version: number; contentHash: string }> = {},
) =>
  approve(state, {
    institutionId,
    version: 1,
    contentHash: hash,
    currentHash: hash,
    members,
    actor: { sub: institutionId, institutionId },
    now,
    ...overrides,
  });

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : 'other';
  }
  return 'none';
};

describe('content hash', () => {
  it('is the SHA-256 of the RFC 8785 form, independent of key order', () => {
    expect(contentHash({ b: 1, a: [1, 'x'] })).toBe('a88dede55f330dbae7d6c99cb78c43213f114625ed11c8fd0b769d117c06bb50');
    expect(contentHash({ a: [1, 'x'], b: 1 })).toBe(contentHash({ b: 1, a: [1, 'x'] }));
  });
});

describe('approvals', () => {
  it('stays negotiating until the last member approves, then agrees in the same change', () => {
    let state = proposed();
    for (const [i, m] of members.entries()) {
      const change = approval(state, m);
      if (change === 'unchanged') throw new Error('expected a change');
      state = { programme: change.programme, rev: state.rev + 1, eventCount: change.events.at(-1)?.seq ?? 0 };
      expect(change.programme.status).toBe(i < members.length - 1 ? 'negotiating' : 'agreed');
    }
    expect(state.programme).toMatchObject({ agreedVersion: 1, agreedBy: ['but', 'luh', 'lut'] });
    expect(state.eventCount).toBe(1 + members.length + 1);
  });

  it('refuses a wrong hash and a stale version with CONFLICT, and a non-member with FORBIDDEN', () => {
    const state = proposed();
    expect(codeOf(() => approval(state, 'luh', { contentHash: 'f'.repeat(64) }))).toBe('CONFLICT');
    expect(codeOf(() => approval(state, 'luh', { version: 2 }))).toBe('CONFLICT');
    expect(codeOf(() => approval(state, 'upm'))).toBe('FORBIDDEN');
  });

  it('treats a repeated approval of the same hash as unchanged', () => {
    const state = proposed();
    const first = approval(state, 'luh');
    if (first === 'unchanged') throw new Error('expected a change');
    expect(approval({ ...state, programme: first.programme }, 'luh')).toBe('unchanged');
  });
});

describe('amendments', () => {
  it('append version n+1 and clear every approval', () => {
    const state = proposed();
    const approved = approval(state, 'luh');
    if (approved === 'unchanged') throw new Error('expected a change');
    const next = { title: 'Joint Master 2', award: 'joint-master', eqfLevel: 7, ects: { min: 60, max: 60 } } as const;
    const change = amend(
      { ...state, programme: approved.programme },
      { baseVersion: 1, rule: next, contentHash: contentHash(next), warnings: [], actor: { sub: 'c' }, now },
    );
    expect(change.programme).toMatchObject({ currentVersion: 2, title: 'Joint Master 2' });
    // toMatchObject would accept any object for {}: the emptiness is the point.
    expect(change.programme.approvals).toEqual({});
    expect(change.newVersion?.version).toBe(2);
  });

  it('refuse a stale base and a withdrawn programme', () => {
    const state = proposed();
    expect(
      codeOf(() => amend(state, { baseVersion: 2, rule, contentHash: hash, warnings: [], actor: { sub: 'c' }, now })),
    ).toBe('CONFLICT');
    const withdrawn = withdraw(state, { currentHash: hash, reason: 'Superseded', actor: { sub: 'c' }, now });
    expect(withdrawn.events[0]).toMatchObject({ type: 'withdrawn', reason: 'Superseded' });
    expect(
      codeOf(() =>
        amend(
          { ...state, programme: withdrawn.programme },
          { baseVersion: 1, rule, contentHash: hash, warnings: [], actor: { sub: 'c' }, now },
        ),
      ),
    ).toBe('CONFLICT');
  });

  it('put an agreed programme under negotiation again while its agreed version keeps standing', () => {
    const state = proposed();
    const agreed = {
      ...state,
      programme: { ...state.programme, status: 'agreed' as const, agreedVersion: 1, agreedBy: members },
    };
    const change = amend(agreed, {
      baseVersion: 1,
      rule,
      contentHash: hash,
      warnings: [],
      comment: 'Adopt the new modules',
      actor: { sub: 'c' },
      now,
    });
    expect(change.programme).toMatchObject({
      status: 'negotiating',
      currentVersion: 2,
      agreedVersion: 1,
      agreedBy: members,
    });
    expect(change.events[0]).toMatchObject({ type: 'amended', version: 2, comment: 'Adopt the new modules' });
  });
});

describe('comments', () => {
  it('add a commented event with author and version, and refuse a version that does not exist', () => {
    const state = proposed();
    const change = comment(state, {
      version: 1,
      text: 'UPM cannot offer two modules',
      versionHash: hash,
      actor: { sub: 'u', institutionId: 'upm' },
      now,
    });
    expect(change.events).toEqual([
      {
        seq: 2,
        type: 'commented',
        actor: 'u',
        institutionId: 'upm',
        at: now,
        version: 1,
        contentHash: hash,
        comment: 'UPM cannot offer two modules',
      },
    ]);
    expect(change.expectedRev).toBe(1);
    expect(codeOf(() => comment(state, { version: 2, text: 'x', versionHash: hash, actor: { sub: 'u' }, now }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('rule warnings', () => {
  const facts = {
    members: ['luh', 'lut'],
    countryOf: new Map([
      ['luh', 'DE'],
      ['lut', 'FI'],
    ]),
  };

  it('warns when per-institution minimums exceed ects.max', () => {
    const warnings = ruleWarnings(
      {
        ...rule,
        ects: { min: 10, max: 10 },
        institutions: [
          { id: 'luh', minEcts: 6 },
          { id: 'lut', minEcts: 6 },
        ],
      },
      facts,
    );
    expect(warnings.map((w) => w.rule)).toContain('institutions');
  });

  it('warns when more countries are required than the members have', () => {
    expect(ruleWarnings({ ...rule, minCountries: 3 }, facts).map((w) => w.rule)).toEqual(['minCountries']);
  });

  it('says nothing about a satisfiable rule', () => {
    expect(ruleWarnings({ ...rule, institutions: [{ id: 'luh', minCount: 3 }] }, facts)).toEqual([]);
  });

  it('warns about a micro-degree outside 10–60 ECTS and a joint master under 60', () => {
    const micro: Rule = { ...rule, award: 'micro-degree' };
    expect(ruleWarnings({ ...micro, ects: { min: 5, max: 5 } }, facts).map((w) => w.rule)).toEqual(['ects']);
    expect(ruleWarnings({ ...micro, ects: { min: 120, max: 120 } }, facts).map((w) => w.rule)).toEqual(['ects']);
    expect(ruleWarnings({ ...micro, ects: { min: 15, max: 15 } }, facts)).toEqual([]);
    expect(ruleWarnings({ ...rule, ects: { min: 30, max: 30 } }, facts).map((w) => w.rule)).toEqual(['ects']);
  });

  it('names a requirement and an institution bound that no listed module can meet', () => {
    const module = (id: string, institutionId: string, subjectArea: string) =>
      ({ id, version: 1, institutionId, ects: 5, subjectArea }) as Credential; // only the fields the check reads
    const counting = [
      module('luh-ml', 'luh', '0613'),
      module('luh-energy', 'luh', '0713'),
      module('lut-bio', 'lut', '0511'),
    ];
    const warnings = moduleWarnings(
      {
        ...rule,
        institutions: [
          { id: 'luh', minCount: 2 },
          { id: 'lut', minCount: 2 },
        ],
        requirements: [{ id: 'computing', title: 'Computing', from: { subjectAreas: ['061'] }, minEcts: 10 }],
      },
      counting,
    );
    expect(warnings.map((w) => w.rule)).toEqual(['requirements.computing', 'institutions.lut']);
  });
});

describe('programme ids', () => {
  it('stay slugs of at most 64 characters whatever the alliance id and title', () => {
    const alliance = `scale1000x0-b57d3f-${'x'.repeat(45)}`;
    for (const ids of [randomIds, keyedIds('seed')]) {
      for (const title of [
        'Scale joint master 1000x0 b57d3f',
        'A',
        '—',
        'Joint Master in Engineering and Digital Transformation',
      ]) {
        for (const allianceId of [alliance, 'demo']) {
          const id = ids.programmeId(allianceId, title);
          expect(ProgrammeId.safeParse(id).success, id).toBe(true);
        }
      }
    }
    expect(randomIds.programmeId('demo', 'Joint Master')).toMatch(/^demo-joint-master-[0-9a-f]{6}$/);
  });
});
