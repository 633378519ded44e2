import { attestedAwardingBodies, claimedBodies } from '../../domain/credential.js';
import { conflict, forbidden, notFound, StaleWriteError } from '../../domain/errors.js';
import type { Caller } from '../../ports/caller.js';
import type { Credential } from '../../schemas/credential.js';
import type { Deps } from '../deps.js';

const ATTEMPTS = 8;

/**
 * `POST /credentials/{id}/confirm` (SPEC §3, §4): an institution the credential names as co-awarding
 * body or as responsible for quality assurance confirms its part of the version it has seen. Until
 * it does, exports, issuer countries and recognition checks leave it out. Confirming twice changes
 * nothing; confirming a version that is no longer current is a 409, so nobody confirms unseen content.
 */
export const confirmCredential = async (
  deps: Deps,
  caller: Caller,
  id: string,
  version: number,
): Promise<Credential> => {
  const institutionId = caller.institutionId;
  for (let attempt = 1; ; attempt++) {
    const stored = await deps.credentials.get(id);
    if (!stored) throw notFound(`credential ${id}`);
    const current = stored.credential;
    if (
      caller.role !== 'institution' ||
      institutionId === undefined ||
      !claimedBodies(current).includes(institutionId)
    ) {
      throw forbidden(
        `credential ${id} does not name ${institutionId ?? 'the caller'} as a co-awarding body or as responsible for its quality assurance`,
      );
    }
    if (current.status === 'retired') throw conflict(`credential ${id} is retired`);
    if (version !== current.version)
      throw conflict(`version ${version} of credential ${id} is not current (version ${current.version} is)`);
    const confirmedBy = current.confirmedBy ?? [];
    if (confirmedBy.includes(institutionId)) return current;
    const next: Credential = {
      ...current,
      confirmedBy: [...confirmedBy, institutionId].sort(),
      updatedAt: deps.clock.now(),
    };
    const bodies = attestedAwardingBodies(next);
    const institutions = await deps.institutions.getMany(bodies);
    const countries = [...new Set(bodies.flatMap((body) => institutions.get(body)?.country ?? []))].sort();
    try {
      await deps.credentials.recordConfirmation({ ...next, countries }, stored.rev);
      return { ...next, countries };
    } catch (err) {
      // Two bodies confirming at once: the loser reads the winner's confirmation and adds its own.
      if (!(err instanceof StaleWriteError) || attempt >= ATTEMPTS) throw err;
    }
  }
};
