import { describe, expect, it } from 'vitest';
import { contentHash } from '../../shared/domain/content-hash.js';
import { DomainError } from '../../shared/domain/errors.js';
import { amend, approve, propose, withdraw } from '../../shared/domain/programme.js';
import { ruleWarnings } from '../../shared/domain/rule-warnings.js';
import type { StoredProgramme } from '../../shared/ports/programme-repository.js';
import type { Rule } from '../../shared/schemas/rule.js';

const rule: Rule = { title: 'Joint Master', award: 'joint-master', eqfLevel: 7, ects: { min: 60, max: 60 } };
const members = ['luh', 'lut', 'but'];
const hash = contentHash(rule);
const now = '2026-11-23T10:00:00.000Z';

const proposed = (): StoredProgramme => {
  const change = propose({ id: 'p', allianceId: 'demo', rule, contentHash: hash, warnings: [], actor: { sub: 'c' }, now });
  return { programme: change.programme, rev: 1, eventCount: 1 };
};

const approval = (state: StoredProgramme, institutionId: string, overrides: Partial<{ version: number; contentHash: string }> = {}) =>
  approve(state, { institutionId, version: 1, contentHash: hash, currentHash: hash, members, actor: { sub: institutionId, institutionId }, now, ...overrides });

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
    const change = amend({ ...state, programme: approved.programme }, { baseVersion: 1, rule: next, contentHash: contentHash(next), warnings: [], actor: { sub: 'c' }, now });
    expect(change.programme).toMatchObject({ currentVersion: 2, title: 'Joint Master 2' });
    // toMatchObject would accept any object for {}: the emptiness is the point.
    expect(change.programme.approvals).toEqual({});
    expect(change.newVersion?.version).toBe(2);
  });

  it('refuse a stale base and an agreed programme', () => {
    const state = proposed();
    expect(codeOf(() => amend(state, { baseVersion: 2, rule, contentHash: hash, warnings: [], actor: { sub: 'c' }, now }))).toBe('CONFLICT');
    const agreed = { ...state, programme: { ...state.programme, status: 'agreed' as const } };
    expect(codeOf(() => amend(agreed, { baseVersion: 1, rule, contentHash: hash, warnings: [], actor: { sub: 'c' }, now }))).toBe('CONFLICT');
    expect(withdraw(agreed, { currentHash: hash, actor: { sub: 'c' }, now }).programme.status).toBe('withdrawn');
  });
});

describe('rule warnings', () => {
  const facts = { members: ['luh', 'lut'], countryOf: new Map([['luh', 'DE'], ['lut', 'FI']]) };

  it('warns when per-institution minimums exceed ects.max', () => {
    const warnings = ruleWarnings({ ...rule, ects: { min: 10, max: 10 }, institutions: [{ id: 'luh', minEcts: 6 }, { id: 'lut', minEcts: 6 }] }, facts);
    expect(warnings.map((w) => w.path)).toContain('institutions');
  });

  it('warns when more countries are required than the members have', () => {
    expect(ruleWarnings({ ...rule, minCountries: 3 }, facts).map((w) => w.path)).toEqual(['minCountries']);
  });

  it('says nothing about a satisfiable rule', () => {
    expect(ruleWarnings({ ...rule, institutions: [{ id: 'luh', minCount: 3 }] }, facts)).toEqual([]);
  });
});
