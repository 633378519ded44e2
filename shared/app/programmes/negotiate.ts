import { forbidden, invalid, notFound, StaleWriteError } from '../../domain/errors.js';
import { contentHash } from '../../domain/content-hash.js';
import { amend, approve, comment, propose, withdraw, type Actor } from '../../domain/programme.js';
import type { Caller } from '../../ports/caller.js';
import type { ProgrammeRecord } from '../../ports/programme-repository.js';
import type { Alliance } from '../../schemas/alliance.js';
import { ProgrammeId } from '../../schemas/common.js';
import type { ProgrammeVersion } from '../../schemas/programme.js';
import { coordinates } from '../access.js';
import type { Deps } from '../deps.js';
import { checkRule } from './check-rule.js';
import { loadProgramme, programmeView, type ProgrammeView } from './read-programmes.js';

const actorOf = (caller: Caller): Actor => ({
  sub: caller.sub,
  ...(caller.institutionId ? { institutionId: caller.institutionId } : {}),
});

export const allianceOrThrow = async (deps: Deps, id: string) => {
  const stored = await deps.alliances.get(id);
  if (!stored) throw notFound(`alliance ${id}`);
  return stored;
};

/** SPEC §4: proposals and amendments come from a coordinator of the alliance or a member institution. */
export const assertMayNegotiate = (caller: Caller, alliance: Alliance) => {
  if (coordinates(caller, alliance.id)) return;
  if (caller.role === 'institution' && caller.institutionId && alliance.members.includes(caller.institutionId)) return;
  throw forbidden(`only a coordinator or a member institution of ${alliance.id} may do this`);
};

const currentVersionOf = (record: ProgrammeRecord): ProgrammeVersion => {
  const current = record.versions.find((v) => v.version === record.programme.currentVersion);
  if (!current) throw new Error(`programme ${record.programme.id} has no version ${record.programme.currentVersion}`);
  return current;
};

/** The answer to a proposal or amendment: the programme, plus the version just written. */
export interface NegotiationAnswer extends ProgrammeView {
  readonly version?: number;
  readonly rule?: ProgrammeVersion['rule'];
  readonly contentHash?: string;
  readonly warnings?: ProgrammeVersion['warnings'];
}

const ATTEMPTS = 12;

/**
 * Decide on fresh data, write conditioned on what was read; when another write landed first, read
 * again and decide again (the decision itself may now refuse, e.g. a stale baseVersion).
 */
const decideAndCommit = async (
  deps: Deps,
  programmeId: string,
  decide: (
    record: ProgrammeRecord,
    alliance: { alliance: Alliance; rev: number },
  ) => Promise<Parameters<Deps['programmes']['commit']>[0] | 'unchanged'>,
): Promise<ProgrammeView> => {
  for (let attempt = 1; ; attempt++) {
    const record = await loadProgramme(deps, programmeId);
    const alliance = await allianceOrThrow(deps, record.programme.allianceId);
    const change = await decide(record, alliance);
    if (change === 'unchanged') return programmeView(record, alliance.alliance.members);
    try {
      await deps.programmes.commit(change);
      const written = await loadProgramme(deps, programmeId);
      return programmeView(written, alliance.alliance.members);
    } catch (err) {
      if (!(err instanceof StaleWriteError)) throw err;
      // Still a lost race: answered 409 with Retry-After and not kept for replay (functions/http/idempotency.ts).
      if (attempt >= ATTEMPTS)
        throw new StaleWriteError(`programme ${programmeId} is changing too often right now; retry`, { cause: err });
      // Jittered back-off spreads out the partners that raced.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
};

/** The programme under `id` is this caller's proposal of this very rule, in this alliance. */
const isSameProposal = async (
  deps: Deps,
  id: string,
  allianceId: string,
  hash: string,
  caller: Caller,
): Promise<boolean> => {
  const [existing, first] = await Promise.all([deps.programmes.get(id), deps.programmes.getVersion(id, 1)]);
  return existing?.programme.allianceId === allianceId && first?.contentHash === hash && first.createdBy === caller.sub;
};

export const proposeProgramme = async (
  deps: Deps,
  caller: Caller,
  allianceId: string,
  ruleBody: unknown,
): Promise<NegotiationAnswer> => {
  const { alliance } = await allianceOrThrow(deps, allianceId);
  assertMayNegotiate(caller, alliance);
  const { rule, warnings } = await checkRule(deps, alliance, ruleBody);
  const hash = contentHash(rule);
  const id = deps.ids.programmeId(allianceId, rule.title);
  // Checked before the write: a head whose id its own schema refuses could never be read back.
  if (!ProgrammeId.safeParse(id).success)
    throw new Error(`derived programme id "${id}" is not a slug of at most 64 characters`);
  const change = propose({
    id,
    allianceId,
    rule,
    contentHash: hash,
    warnings,
    actor: actorOf(caller),
    now: deps.clock.now(),
  });
  try {
    await deps.programmes.commit(change);
  } catch (err) {
    if (
      !(err instanceof StaleWriteError) ||
      !(await isSameProposal(deps, change.programme.id, allianceId, hash, caller))
    )
      throw err;
    // A retry of a proposal whose answer was lost (ids of keyed writes repeat): it is written.
  }
  const view = programmeView(await loadProgramme(deps, change.programme.id), alliance.members);
  return { ...view, version: 1, rule, contentHash: hash, warnings };
};

export const amendProgramme = async (
  deps: Deps,
  caller: Caller,
  programmeId: string,
  input: { baseVersion: number; rule: unknown; comment?: string | undefined },
): Promise<NegotiationAnswer> => {
  let written: { rule: ProgrammeVersion['rule']; hash: string; warnings: ProgrammeVersion['warnings'] } | undefined;
  const view = await decideAndCommit(deps, programmeId, async (record, { alliance }) => {
    assertMayNegotiate(caller, alliance);
    const { rule, warnings } = await checkRule(deps, alliance, input.rule, programmeId);
    const hash = contentHash(rule);
    written = { rule, hash, warnings };
    return amend(record, {
      baseVersion: input.baseVersion,
      rule,
      contentHash: hash,
      warnings,
      comment: input.comment,
      actor: actorOf(caller),
      now: deps.clock.now(),
    });
  });
  return {
    ...view,
    version: view.currentVersion,
    ...(written ? { rule: written.rule, contentHash: written.hash, warnings: written.warnings } : {}),
  };
};

export const approveProgramme = (
  deps: Deps,
  caller: Caller,
  programmeId: string,
  input: { version: number; contentHash: string; comment?: string | undefined },
): Promise<ProgrammeView> =>
  decideAndCommit(deps, programmeId, async (record, { alliance, rev }) => {
    if (caller.role !== 'institution' || !caller.institutionId) throw forbidden('only a member institution approves');
    const change = approve(record, {
      institutionId: caller.institutionId,
      version: input.version,
      contentHash: input.contentHash,
      currentHash: currentVersionOf(record).contentHash,
      members: alliance.members,
      comment: input.comment,
      actor: actorOf(caller),
      now: deps.clock.now(),
    });
    // The decision counted the members: it must not land if the membership changed meanwhile.
    return change === 'unchanged' ? change : { ...change, allianceAtRev: { allianceId: alliance.id, rev } };
  });

export const withdrawProgramme = (
  deps: Deps,
  caller: Caller,
  programmeId: string,
  input: { reason: string },
): Promise<ProgrammeView> =>
  decideAndCommit(deps, programmeId, async (record, { alliance }) => {
    if (!coordinates(caller, alliance.id))
      throw forbidden(`only a coordinator of ${alliance.id} may withdraw a programme`);
    return withdraw(record, {
      currentHash: currentVersionOf(record).contentHash,
      reason: input.reason,
      actor: actorOf(caller),
      now: deps.clock.now(),
    });
  });

/** POST /programmes/{id}/comments: a coordinator or member says something about a version; 201 with the programme. */
export const commentOnProgramme = (
  deps: Deps,
  caller: Caller,
  programmeId: string,
  input: { version: number; text: string },
): Promise<ProgrammeView> =>
  decideAndCommit(deps, programmeId, async (record, { alliance }) => {
    assertMayNegotiate(caller, alliance);
    if (input.version > record.programme.currentVersion) {
      throw invalid('version', `programme ${programmeId} has versions 1 to ${record.programme.currentVersion}`);
    }
    const commented =
      record.versions.find((v) => v.version === input.version) ??
      (await deps.programmes.getVersion(programmeId, input.version));
    if (!commented) throw notFound(`version ${input.version} of programme ${programmeId}`);
    return comment(record, {
      version: input.version,
      text: input.text,
      versionHash: commented.contentHash,
      actor: actorOf(caller),
      now: deps.clock.now(),
    });
  });
