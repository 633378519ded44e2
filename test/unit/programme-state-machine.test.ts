import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/errors.js';
import { amend, approve, comment, pendingApprovals, propose, withdraw } from '../../shared/domain/programme.js';
import type { ProgrammeChange, StoredProgramme } from '../../shared/ports/programme-repository.js';
import type { Rule } from '../../shared/schemas/rule.js';

/*
 * The negotiation state machine of SPEC §5.7 as a fast-check model: random sequences of amendments,
 * approvals (current, stale or with a wrong hash), concurrent approvals, comments and withdrawals
 * run against the pure decisions of shared/domain/programme.ts, applied through a store that
 * conditions each write on the revision read, as the DynamoDB repository does. After every step:
 * agreed ⇔ every member's approval names the current hash; an amendment clears approvals; a
 * withdrawn programme stays withdrawn and unchanged; history numbers run without gaps; an agreed
 * version never changes; concurrent approvals lose none.
 */

const MEMBERS = ['luh', 'lut', 'but', 'tuwien'];
const hashOf = (version: number) => `hash-${version}`;
const rule = (version: number): Rule => ({
  title: `Master v${version}`,
  award: 'joint-master',
  eqfLevel: 7,
  ects: { min: 60, max: 60 },
});

/** An in-memory head with the repository's one rule: a change decided on an older revision is refused. */
class Store {
  state: StoredProgramme;
  versions = new Map<number, string>();
  seqs: number[] = [];
  constructor(change: ProgrammeChange) {
    this.state = { programme: change.programme, rev: 1, eventCount: 0 };
    this.apply(change, true);
  }
  commit(change: ProgrammeChange): boolean {
    if (change.expectedRev !== this.state.rev) return false;
    this.apply(change, false);
    return true;
  }
  private apply(change: ProgrammeChange, first: boolean) {
    if (change.newVersion) {
      expect(this.versions.has(change.newVersion.version), 'a version is written once').toBe(false);
      this.versions.set(change.newVersion.version, change.newVersion.contentHash);
    }
    this.seqs.push(...change.events.map((e) => e.seq));
    this.state = {
      programme: change.programme,
      rev: first ? 1 : this.state.rev + 1,
      eventCount: this.state.eventCount + change.events.length,
    };
  }
}

interface Model {
  status: 'negotiating' | 'agreed' | 'withdrawn';
  current: number;
  approved: Set<string>;
  agreedVersion?: number;
}

type Real = { store: Store };
const actor = (institutionId?: string) => ({
  sub: `user:${institutionId ?? 'coordinator'}`,
  ...(institutionId ? { institutionId } : {}),
});
const NOW = '2026-12-01T10:00:00Z';

/** Runs a decision; a refusal must be a DomainError and leave the store as it was. */
const attempt = (
  real: Real,
  decide: (s: StoredProgramme) => ProgrammeChange | 'unchanged',
): 'refused' | 'unchanged' | 'written' => {
  const before = real.store.state;
  try {
    const change = decide(before);
    if (change === 'unchanged') return 'unchanged';
    expect(real.store.commit(change)).toBe(true);
    return 'written';
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect(real.store.state).toBe(before);
    return 'refused';
  }
};

const checkInvariants = (m: Model, real: Real) => {
  const { programme } = real.store.state;
  expect(programme.status).toBe(m.status);
  expect(programme.currentVersion).toBe(m.current);
  const currentHash = real.store.versions.get(programme.currentVersion) ?? '';
  if (programme.status === 'agreed') expect(pendingApprovals(programme, currentHash, MEMBERS)).toEqual([]);
  if (programme.status === 'negotiating' && m.approved.size < MEMBERS.length) {
    expect(pendingApprovals(programme, currentHash, MEMBERS).length).toBe(MEMBERS.length - m.approved.size);
  }
  for (const [id, approval] of Object.entries(programme.approvals)) {
    expect(approval.contentHash, `${id} approves only the current version`).toBe(currentHash);
  }
  expect(programme.agreedVersion).toBe(m.agreedVersion);
  if (programme.agreedVersion !== undefined) {
    expect(real.store.versions.get(programme.agreedVersion)).toBe(hashOf(programme.agreedVersion));
  }
  expect(real.store.seqs).toEqual(real.store.seqs.map((_, i) => i + 1));
};

class Amend implements fc.Command<Model, Real> {
  constructor(readonly stale: boolean) {}
  check = () => true;
  run(m: Model, real: Real) {
    const base = this.stale ? m.current - 1 : m.current;
    const next = real.store.state.programme.currentVersion + 1;
    const outcome = attempt(real, (s) =>
      amend(s, {
        baseVersion: base,
        rule: rule(next),
        contentHash: hashOf(next),
        warnings: [],
        actor: actor(),
        now: NOW,
      }),
    );
    if (m.status === 'withdrawn' || this.stale) expect(outcome).toBe('refused');
    else {
      expect(outcome).toBe('written');
      m.current = next;
      m.status = 'negotiating';
      m.approved = new Set();
      expect(real.store.state.programme.approvals, 'an amendment clears all approvals').toEqual({});
    }
    checkInvariants(m, real);
  }
  toString = () => `amend(${this.stale ? 'stale' : 'current'})`;
}

class Approve implements fc.Command<Model, Real> {
  constructor(
    readonly member: string,
    readonly kind: 'current' | 'stale' | 'wrong-hash' | 'outsider',
  ) {}
  check = () => true;
  run(m: Model, real: Real) {
    const version = this.kind === 'stale' ? m.current - 1 : m.current;
    const institutionId = this.kind === 'outsider' ? 'elsewhere' : this.member;
    const outcome = attempt(real, (s) =>
      approve(s, {
        institutionId,
        version,
        contentHash: this.kind === 'wrong-hash' ? 'hash-x' : hashOf(version),
        currentHash: hashOf(s.programme.currentVersion),
        members: MEMBERS,
        actor: actor(institutionId),
        now: NOW,
      }),
    );
    if (this.kind !== 'current' || m.status !== 'negotiating') expect(outcome).toBe('refused');
    else {
      expect(outcome).toBe(m.approved.has(this.member) ? 'unchanged' : 'written');
      m.approved.add(this.member);
      if (m.approved.size === MEMBERS.length) {
        m.status = 'agreed';
        m.agreedVersion = m.current;
      }
    }
    checkInvariants(m, real);
  }
  toString = () => `approve(${this.member}, ${this.kind})`;
}

/** Two members approve on the same read; the one that loses the race retries on what it reads next. */
class ConcurrentApprovals implements fc.Command<Model, Real> {
  constructor(
    readonly a: string,
    readonly b: string,
  ) {}
  check = (m: Readonly<Model>) => m.status === 'negotiating' && this.a !== this.b;
  run(m: Model, real: Real) {
    const read = real.store.state;
    const decide = (s: StoredProgramme, member: string) =>
      approve(s, {
        institutionId: member,
        version: m.current,
        contentHash: hashOf(m.current),
        currentHash: hashOf(m.current),
        members: MEMBERS,
        actor: actor(member),
        now: NOW,
      });
    const first = decide(read, this.a);
    const second = decide(read, this.b);
    if (first !== 'unchanged') expect(real.store.commit(first)).toBe(true);
    if (second !== 'unchanged' && !real.store.commit(second)) {
      // Lost the race: decide again on the new head (it may now be agreed, or unchanged).
      attempt(real, (s) => decide(s, this.b));
    }
    m.approved.add(this.a);
    m.approved.add(this.b);
    if (m.approved.size === MEMBERS.length) {
      m.status = 'agreed';
      m.agreedVersion = m.current;
    }
    expect(Object.keys(real.store.state.programme.approvals)).toEqual(expect.arrayContaining([this.a, this.b]));
    checkInvariants(m, real);
  }
  toString = () => `concurrently(${this.a}, ${this.b})`;
}

class Withdraw implements fc.Command<Model, Real> {
  check = () => true;
  run(m: Model, real: Real) {
    const outcome = attempt(real, (s) =>
      withdraw(s, {
        currentHash: hashOf(s.programme.currentVersion),
        reason: 'the alliance ends',
        actor: actor(),
        now: NOW,
      }),
    );
    expect(outcome).toBe(m.status === 'withdrawn' ? 'refused' : 'written');
    m.status = 'withdrawn';
    checkInvariants(m, real);
  }
  toString = () => 'withdraw';
}

class Comment implements fc.Command<Model, Real> {
  constructor(readonly member: string) {}
  check = () => true;
  run(m: Model, real: Real) {
    const outcome = attempt(real, (s) =>
      comment(s, {
        version: m.current,
        text: 'a remark',
        versionHash: hashOf(m.current),
        actor: actor(this.member),
        now: NOW,
      }),
    );
    expect(outcome).toBe(m.status === 'withdrawn' ? 'refused' : 'written');
    checkInvariants(m, real);
  }
  toString = () => `comment(${this.member})`;
}

describe('the negotiation state machine (SPEC §5.7)', () => {
  it('keeps its laws under any sequence of amendments, approvals, comments and withdrawals', () => {
    const member = fc.constantFrom(...MEMBERS);
    const commands = [
      fc.boolean().map((stale) => new Amend(stale)),
      fc
        .tuple(
          member,
          fc.constantFrom('current', 'current', 'current', 'stale', 'wrong-hash', 'outsider') as fc.Arbitrary<
            'current' | 'stale' | 'wrong-hash' | 'outsider'
          >,
        )
        .map(([who, kind]) => new Approve(who, kind)),
      fc.tuple(member, member).map(([a, b]) => new ConcurrentApprovals(a, b)),
      fc.constant(new Withdraw()),
      member.map((who) => new Comment(who)),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const store = new Store(
          propose({
            id: 'p',
            allianceId: 'demo',
            rule: rule(1),
            contentHash: hashOf(1),
            warnings: [],
            actor: actor(),
            now: NOW,
          }),
        );
        const model: Model = { status: 'negotiating', current: 1, approved: new Set() };
        fc.modelRun(() => ({ model, real: { store } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
