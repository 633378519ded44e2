import type { ProgrammeChange, StoredProgramme } from '../ports/programme-repository.js';
import type { Programme, ProgrammeEvent, ProgrammeVersion } from '../schemas/programme.js';
import type { Rule } from '../schemas/rule.js';
import { conflict, forbidden, invalid } from './errors.js';

/*
 * The negotiation of a joint programme (SPEC §5.7), as pure decisions: each takes the programme as
 * read and returns the one change to write atomically. The repository conditions the write on the
 * revision read, so a decision made on stale data never lands.
 */

export interface Actor {
  readonly sub: string;
  readonly institutionId?: string;
}

const event = (state: { eventCount: number }, offset: number, e: Omit<ProgrammeEvent, 'seq'>): ProgrammeEvent => ({
  seq: state.eventCount + offset,
  ...e,
});

const actorFields = (actor: Actor) => ({
  actor: actor.sub,
  ...(actor.institutionId ? { institutionId: actor.institutionId } : {}),
});
const commentField = (comment: string | undefined) => (comment === undefined ? {} : { comment });

export interface Proposal {
  readonly id: string;
  readonly allianceId: string;
  readonly rule: Rule;
  readonly contentHash: string;
  readonly warnings: ProgrammeVersion['warnings'];
  readonly actor: Actor;
  readonly now: string;
}

export const propose = (p: Proposal): ProgrammeChange => {
  const programme: Programme = {
    id: p.id,
    allianceId: p.allianceId,
    title: p.rule.title,
    status: 'negotiating',
    currentVersion: 1,
    approvals: {},
    createdAt: p.now,
    updatedAt: p.now,
  };
  const version: ProgrammeVersion = {
    version: 1,
    rule: p.rule,
    contentHash: p.contentHash,
    createdAt: p.now,
    createdBy: p.actor.sub,
    ...(p.warnings && p.warnings.length > 0 ? { warnings: p.warnings } : {}),
  };
  return {
    programme,
    newVersion: version,
    events: [
      event({ eventCount: 0 }, 1, {
        type: 'proposed',
        ...actorFields(p.actor),
        at: p.now,
        version: 1,
        contentHash: p.contentHash,
      }),
    ],
  };
};

const assertNegotiating = (programme: Programme, action: string) => {
  if (programme.status === 'agreed')
    throw conflict(`programme ${programme.id} is agreed: an agreed rule never changes (${action} refused)`);
  if (programme.status === 'withdrawn') throw conflict(`programme ${programme.id} was withdrawn (${action} refused)`);
};

export interface Amendment {
  readonly baseVersion: number;
  readonly rule: Rule;
  readonly contentHash: string;
  readonly warnings: ProgrammeVersion['warnings'];
  readonly comment?: string | undefined;
  readonly actor: Actor;
  readonly now: string;
}

/**
 * SPEC §5.7: an amendment appends version n+1 on the current version only, and clears all approvals.
 * Amending an agreed programme puts the new version under negotiation; the agreed version keeps
 * standing (`agreedVersion`, `agreedBy` stay) until a newer one is agreed.
 */
export const amend = (state: StoredProgramme, a: Amendment): ProgrammeChange => {
  const { programme } = state;
  if (programme.status === 'withdrawn') throw conflict(`programme ${programme.id} was withdrawn (amendment refused)`);
  if (a.baseVersion !== programme.currentVersion) {
    throw conflict(`baseVersion ${a.baseVersion} is not the current version ${programme.currentVersion}`);
  }
  const next = programme.currentVersion + 1;
  return {
    programme: {
      ...programme,
      status: 'negotiating',
      title: a.rule.title,
      currentVersion: next,
      approvals: {},
      updatedAt: a.now,
    },
    expectedRev: state.rev,
    newVersion: {
      version: next,
      rule: a.rule,
      contentHash: a.contentHash,
      createdAt: a.now,
      createdBy: a.actor.sub,
      ...(a.warnings && a.warnings.length > 0 ? { warnings: a.warnings } : {}),
    },
    events: [
      event(state, 1, {
        type: 'amended',
        ...actorFields(a.actor),
        at: a.now,
        version: next,
        contentHash: a.contentHash,
        ...commentField(a.comment),
      }),
    ],
  };
};

export interface ApprovalInput {
  readonly institutionId: string;
  readonly version: number;
  readonly contentHash: string;
  /** Hash of the programme's current version, as stored. */
  readonly currentHash: string;
  /** Current members of the programme's alliance. */
  readonly members: readonly string[];
  readonly comment?: string | undefined;
  readonly actor: Actor;
  readonly now: string;
}

/** Institutions whose latest approval does not name the current hash. */
export const pendingApprovals = (programme: Programme, currentHash: string, members: readonly string[]): string[] =>
  members.filter((m) => programme.approvals[m]?.contentHash !== currentHash);

/**
 * SPEC §5.7: a member approves the current version's hash; the approval that completes the set
 * makes the programme agreed in the same change. A repeated approval of the same hash changes nothing.
 */
export const approve = (state: StoredProgramme, a: ApprovalInput): ProgrammeChange | 'unchanged' => {
  const { programme } = state;
  if (!a.members.includes(a.institutionId)) {
    throw forbidden(`${a.institutionId} is not a member of alliance ${programme.allianceId}`);
  }
  assertNegotiating(programme, 'approval');
  if (a.version !== programme.currentVersion) {
    throw conflict(`version ${a.version} is stale: the current version is ${programme.currentVersion}`);
  }
  if (a.contentHash !== a.currentHash) {
    throw conflict(`contentHash does not match version ${a.version} (expected ${a.currentHash})`);
  }
  if (programme.approvals[a.institutionId]?.contentHash === a.contentHash) return 'unchanged';

  const approvals = {
    ...programme.approvals,
    [a.institutionId]: { version: a.version, contentHash: a.contentHash, at: a.now },
  };
  const approved = { ...programme, approvals, updatedAt: a.now };
  const events = [
    event(state, 1, {
      type: 'approved',
      ...actorFields(a.actor),
      at: a.now,
      version: a.version,
      contentHash: a.contentHash,
      ...commentField(a.comment),
    }),
  ];
  const agreed = pendingApprovals(approved, a.currentHash, a.members).length === 0;
  if (agreed) {
    events.push(
      event(state, 2, {
        type: 'agreed',
        ...actorFields(a.actor),
        at: a.now,
        version: a.version,
        contentHash: a.contentHash,
      }),
    );
  }
  return {
    programme: agreed
      ? { ...approved, status: 'agreed', agreedVersion: a.version, agreedBy: [...a.members].sort() }
      : approved,
    expectedRev: state.rev,
    events,
  };
};

export interface Withdrawal {
  readonly currentHash: string;
  /** SPEC §4: a withdrawal says why; the reason stays in the history. */
  readonly reason: string;
  readonly actor: Actor;
  readonly now: string;
}

/** A coordinator withdraws a programme under negotiation or agreed; a withdrawn one stays withdrawn. */
export const withdraw = (state: StoredProgramme, w: Withdrawal): ProgrammeChange => {
  const { programme } = state;
  if (programme.status === 'withdrawn') throw conflict(`programme ${programme.id} is already withdrawn`);
  return {
    programme: { ...programme, status: 'withdrawn', updatedAt: w.now },
    expectedRev: state.rev,
    events: [
      event(state, 1, {
        type: 'withdrawn',
        ...actorFields(w.actor),
        at: w.now,
        version: programme.currentVersion,
        contentHash: w.currentHash,
        reason: w.reason,
      }),
    ],
  };
};

export interface Comment {
  readonly version: number;
  readonly text: string;
  /** Hash of the version commented on, as stored. */
  readonly versionHash: string;
  readonly actor: Actor;
  readonly now: string;
}

/**
 * SPEC §4: partners discuss a version in the history. A comment changes nothing but the history;
 * it still goes through the head's revision, because the head numbers the events.
 */
export const comment = (state: StoredProgramme, c: Comment): ProgrammeChange => {
  const { programme } = state;
  if (programme.status === 'withdrawn') throw conflict(`programme ${programme.id} was withdrawn (comment refused)`);
  if (c.version > programme.currentVersion) {
    throw invalid('version', `programme ${programme.id} has versions 1 to ${programme.currentVersion}`);
  }
  return {
    programme: { ...programme, updatedAt: c.now },
    expectedRev: state.rev,
    events: [
      event(state, 1, {
        type: 'commented',
        ...actorFields(c.actor),
        at: c.now,
        version: c.version,
        contentHash: c.versionHash,
        comment: c.text,
      }),
    ],
  };
};
