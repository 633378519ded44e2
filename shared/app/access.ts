import { forbidden } from '../domain/errors.js';
import type { Caller } from '../ports/caller.js';
import type { Deps } from './deps.js';

/** True when the caller coordinates `allianceId` (token claim `allianceIds`, SPEC §4). */
export const coordinates = (caller: Caller, allianceId: string): boolean =>
  caller.role === 'coordinator' && caller.allianceIds.includes(allianceId);

/**
 * SPEC §4: credentials of an institution are written by that institution, or by a coordinator of
 * an alliance it belongs to. Object-level check: the institution comes from the stored data or the
 * body, never from the caller's say-so.
 */
export const assertMayManageCredentialsOf = async (
  deps: Deps,
  caller: Caller,
  institutionId: string,
): Promise<void> => {
  if (caller.role === 'institution' && caller.institutionId === institutionId) return;
  if (caller.role === 'coordinator') {
    const alliances = await Promise.all(caller.allianceIds.map((id) => deps.alliances.get(id)));
    if (alliances.some((a) => a?.alliance.members.includes(institutionId))) return;
  }
  throw forbidden(`only ${institutionId} or a coordinator of one of its alliances may manage its credentials`);
};

export const assertOperator = (caller: Caller): void => {
  if (caller.role !== 'operator') throw forbidden('only an operator may do this');
};
