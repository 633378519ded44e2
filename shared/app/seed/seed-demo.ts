import { DomainError } from '../../domain/errors.js';
import type { Caller } from '../../ports/caller.js';
import type { IdGenerator } from '../../ports/ids.js';
import { createAlliance } from '../alliances.js';
import { registerCredential } from '../credentials/write-credential.js';
import type { Deps } from '../deps.js';
import { registerInstitution } from '../institutions.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';
import { DEMO_ALLIANCE, DEMO_INSTITUTIONS } from './demo-institutions.js';

export interface SeedReport {
  created: number;
  existing: number;
}

const OPERATOR: Caller = { sub: 'seed:operator', role: 'operator', allianceIds: [] };
const COORDINATOR: Caller = { sub: 'seed:coordinator', role: 'coordinator', allianceIds: [DEMO_ALLIANCE.id] };

/** Stable ids, so that the demo's links and a second start find the same records. */
const fixedIds = (id: string): IdGenerator => ({ credentialId: () => id, programmeId: () => id });

/**
 * Seeds the demo alliance of SPEC §6 through the same use-cases the API runs. Every write is a
 * conditional create, so a start on a store that already holds the demo writes nothing twice.
 */
export const seedDemo = async (deps: Deps): Promise<SeedReport> => {
  const report: SeedReport = { created: 0, existing: 0 };
  const once = async (write: () => Promise<unknown>) => {
    try {
      await write();
      report.created += 1;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CONFLICT') report.existing += 1;
      else throw err;
    }
  };
  for (const institution of DEMO_INSTITUTIONS) await once(() => registerInstitution(deps, OPERATOR, institution));
  await once(() => createAlliance(deps, OPERATOR, DEMO_ALLIANCE));
  for (const { slug, ...draft } of DEMO_CREDENTIALS) {
    await once(() => registerCredential({ ...deps, ids: fixedIds(slug) }, COORDINATOR, draft));
  }
  return report;
};
