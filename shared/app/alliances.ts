import { conflict, DomainError, forbidden, notFound, StaleWriteError } from '../domain/errors.js';
import type { Caller } from '../ports/caller.js';
import type { StoredAlliance } from '../ports/alliance-repository.js';
import { MAX_ALLIANCE_INSTITUTIONS, type Alliance, type AllianceDraft } from '../schemas/alliance.js';
import { coordinates } from './access.js';
import type { Deps } from './deps.js';

const assertMayManageAlliance = (caller: Caller, allianceId: string) => {
  if (caller.role === 'operator' || coordinates(caller, allianceId)) return;
  throw forbidden(`only an operator or a coordinator of ${allianceId} may manage this alliance`);
};

const assertInstitutionsExist = async (deps: Deps, ids: readonly string[], path: string) => {
  const found = await deps.institutions.getMany(ids);
  const details = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `${path}.${i}`, message: `institution ${id} does not exist` }],
  );
  if (details.length > 0) throw new DomainError('VALIDATION_FAILED', details.map((d) => d.message).join('; '), details);
};

/**
 * SPEC §3: an institution named by the operator is a member at once; one named by a coordinator is
 * only invited, so that no coordinator can take an institution over without its registrar's consent.
 */
const namesMembers = (caller: Caller) => caller.role === 'operator';

export const createAlliance = async (deps: Deps, caller: Caller, draft: AllianceDraft): Promise<Alliance> => {
  assertMayManageAlliance(caller, draft.id);
  await assertInstitutionsExist(deps, draft.members, 'members');
  const now = deps.clock.now();
  const named = namesMembers(caller)
    ? { members: draft.members, invited: [] }
    : { members: [], invited: draft.members };
  const alliance: Alliance = { ...draft, ...named, createdAt: now, updatedAt: now };
  await deps.alliances.create(alliance);
  return alliance;
};

export const getAlliance = async (deps: Deps, id: string): Promise<Alliance> => {
  const stored = await deps.alliances.get(id);
  if (!stored) throw notFound(`alliance ${id}`);
  return stored.alliance;
};

const ATTEMPTS = 8;

/** Read, decide, write conditioned on the revision read; when another write landed first, decide again. */
const changeAlliance = async (
  deps: Deps,
  allianceId: string,
  decide: (stored: StoredAlliance) => Promise<Alliance | 'unchanged'> | Alliance | 'unchanged',
): Promise<{ alliance: Alliance; changed: boolean }> => {
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.alliances.get(allianceId);
    if (!stored) throw notFound(`alliance ${allianceId}`);
    const next = await decide(stored);
    if (next === 'unchanged') return { alliance: stored.alliance, changed: false };
    try {
      await deps.alliances.update(next, stored.rev);
      return { alliance: next, changed: true };
    } catch (err) {
      if (!(err instanceof StaleWriteError) || attempt >= ATTEMPTS) throw err;
    }
  }
};

/**
 * `PUT /alliances/{id}/members/{institutionId}`: the operator adds a member; a coordinator invites
 * (SPEC §3). Naming one already named changes nothing, except that the operator turns an invitation
 * into membership. Programmes under negotiation then need the new member's approval too; agreed
 * programmes stay agreed (docs/negotiation.md).
 */
export const addMember = async (
  deps: Deps,
  caller: Caller,
  allianceId: string,
  institutionId: string,
): Promise<{ alliance: Alliance; added: boolean }> => {
  assertMayManageAlliance(caller, allianceId);
  if (!(await deps.institutions.get(institutionId))) throw notFound(`institution ${institutionId}`);
  const { alliance, changed } = await changeAlliance(deps, allianceId, ({ alliance: current }) => {
    if (current.members.includes(institutionId)) return 'unchanged';
    const invited = current.invited.includes(institutionId);
    if (invited && !namesMembers(caller)) return 'unchanged';
    // Checked on write, never on read (schemas/alliance.ts): a full alliance refuses, it does not break.
    if (!invited && current.members.length + current.invited.length >= MAX_ALLIANCE_INSTITUTIONS) {
      throw conflict(
        `alliance ${allianceId} already names ${MAX_ALLIANCE_INSTITUTIONS} institutions (members and invitations), the most it may`,
      );
    }
    const others = current.invited.filter((id) => id !== institutionId);
    return namesMembers(caller)
      ? { ...current, members: [...current.members, institutionId], invited: others, updatedAt: deps.clock.now() }
      : { ...current, invited: [...others, institutionId], updatedAt: deps.clock.now() };
  });
  return { alliance, added: changed };
};

/**
 * `POST /alliances/{id}/members/{institutionId}/accept`: the invited institution's own registrar
 * accepts (SPEC §3, §4); from then on it is a member. Accepting again answers the alliance unchanged.
 */
export const acceptInvitation = async (
  deps: Deps,
  caller: Caller,
  allianceId: string,
  institutionId: string,
): Promise<Alliance> => {
  if (caller.role !== 'institution' || caller.institutionId !== institutionId) {
    throw forbidden(`only ${institutionId} itself may accept an invitation in its name`);
  }
  const { alliance } = await changeAlliance(deps, allianceId, ({ alliance: current }) => {
    if (current.members.includes(institutionId)) return 'unchanged';
    if (!current.invited.includes(institutionId))
      throw notFound(`an invitation of ${institutionId} to alliance ${allianceId}`);
    return {
      ...current,
      members: [...current.members, institutionId],
      invited: current.invited.filter((id) => id !== institutionId),
      updatedAt: deps.clock.now(),
    };
  });
  return alliance;
};
