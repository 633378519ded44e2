import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { ROLES } from '../../shared/ports/caller.js';

/*
 * Cognito pre-token-generation trigger (event version V2_0): puts the claims the handlers read
 * (functions/http/claims.ts, SPEC §4) into both the ID and the access token.
 *   role           from the user's group: operator, coordinator, institution or student
 *   institutionId  from the custom attribute `custom:institutionId` (role institution)
 *   allianceIds    from the custom attribute `custom:allianceIds`, a comma list (role coordinator)
 * Users cannot write these attributes themselves (the app client's write attributes exclude them);
 * operators set them with AdminCreateUser / AdminUpdateUserAttributes (docs/deploy.md).
 *
 * A user the registry cannot place gets no token at all: sign-in fails with the reason, rather
 * than yielding a token whose missing claims surface later as puzzling 401s.
 */

/** When a user is in several groups, the first of these wins. */
export const ROLE_PRECEDENCE = ROLES;

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class UnplaceableUser extends Error {
  override readonly name = 'UnplaceableUser';
}

/**
 * The registry claims of a user. Claim values are strings (the V2 trigger's string map): the
 * alliance list travels as a comma list, which the claims reader accepts as API Gateway would
 * flatten an array anyway.
 */
export const registryClaims = (
  groups: readonly string[],
  attributes: Readonly<Record<string, string>>,
): Record<string, string> => {
  const role = ROLE_PRECEDENCE.find((r) => groups.includes(r));
  if (!role) throw new UnplaceableUser(`user is in none of the groups ${ROLE_PRECEDENCE.join(', ')}`);
  if (role === 'institution') {
    const institutionId = attributes['custom:institutionId']?.trim() ?? '';
    if (!SLUG.test(institutionId))
      throw new UnplaceableUser('an institution user needs custom:institutionId set to an institution id');
    return { role, institutionId };
  }
  if (role === 'coordinator') {
    const allianceIds = (attributes['custom:allianceIds'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = allianceIds.find((id) => !SLUG.test(id));
    if (bad !== undefined)
      throw new UnplaceableUser(`custom:allianceIds holds ${JSON.stringify(bad)}, which is no alliance id`);
    return { role, allianceIds: allianceIds.join(',') };
  }
  return { role };
};

export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  const claims = registryClaims(event.request.groupConfiguration.groupsToOverride ?? [], event.request.userAttributes);
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: { claimsToAddOrOverride: claims },
      accessTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
};
