import { DomainError, forbidden, notFound } from '../domain/errors.js';
import type { Caller } from '../ports/caller.js';
import type { Alliance, AllianceDraft } from '../schemas/alliance.js';
import { coordinates } from './access.js';
import type { Deps } from './deps.js';

const assertMayManageAlliance = (caller: Caller, allianceId: string) => {
  if (caller.role === 'operator' || coordinates(caller, allianceId)) return;
  throw forbidden(`only an operator or a coordinator of ${allianceId} may manage this alliance`);
};

const assertInstitutionsExist = async (deps: Deps, ids: readonly string[], path: string) => {
  const found = await deps.institutions.getMany(ids);
  const details = ids.flatMap((id, i) => (found.has(id) ? [] : [{ path: `${path}.${i}`, message: `institution ${id} does not exist` }]));
  if (details.length > 0) throw new DomainError('VALIDATION_FAILED', details.map((d) => d.message).join('; '), details);
};

export const createAlliance = async (deps: Deps, caller: Caller, draft: AllianceDraft): Promise<Alliance> => {
  assertMayManageAlliance(caller, draft.id);
  await assertInstitutionsExist(deps, draft.members, 'members');
  const now = deps.clock.now();
  const alliance: Alliance = { ...draft, createdAt: now, updatedAt: now };
  await deps.alliances.create(alliance);
  return alliance;
};

export const getAlliance = async (deps: Deps, id: string): Promise<Alliance> => {
  const stored = await deps.alliances.get(id);
  if (!stored) throw notFound(`alliance ${id}`);
  return stored.alliance;
};

/**
 * Adds a member; adding one that is already a member changes nothing. Programmes under negotiation
 * then need the new member's approval too; agreed programmes stay agreed (docs/negotiation.md).
 */
export const addMember = async (
  deps: Deps,
  caller: Caller,
  allianceId: string,
  institutionId: string,
): Promise<{ alliance: Alliance; added: boolean }> => {
  assertMayManageAlliance(caller, allianceId);
  const stored = await deps.alliances.get(allianceId);
  if (!stored) throw notFound(`alliance ${allianceId}`);
  if (!(await deps.institutions.get(institutionId))) throw notFound(`institution ${institutionId}`);
  if (stored.alliance.members.includes(institutionId)) return { alliance: stored.alliance, added: false };
  const alliance: Alliance = {
    ...stored.alliance,
    members: [...stored.alliance.members, institutionId],
    updatedAt: deps.clock.now(),
  };
  await deps.alliances.update(alliance, stored.rev);
  return { alliance, added: true };
};
