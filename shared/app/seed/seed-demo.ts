import { DomainError } from '../../domain/errors.js';
import type { Caller } from '../../ports/caller.js';
import type { IdGenerator } from '../../ports/ids.js';
import { createAlliance } from '../alliances.js';
import { registerCredential } from '../credentials/write-credential.js';
import type { Deps } from '../deps.js';
import { registerInstitution } from '../institutions.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';
import { DEMO_ALLIANCE, DEMO_INSTITUTIONS } from './demo-institutions.js';
import { DEMO_JOINT_MASTER, DEMO_MICRO_DEGREE } from './demo-programmes.js';
import { approveProgramme, proposeProgramme } from '../programmes/negotiate.js';

export interface SeedReport {
  created: number;
  existing: number;
}

const OPERATOR: Caller = { sub: 'seed:operator', role: 'operator', allianceIds: [] };
const COORDINATOR: Caller = { sub: 'seed:coordinator', role: 'coordinator', allianceIds: [DEMO_ALLIANCE.id] };

/** Stable ids, so that the demo's links and a second start find the same records. */
const fixedIds = (id: string): IdGenerator => ({
  credentialId: () => id,
  programmeId: () => id,
  importJobId: () => id,
});

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
  // Independent writes go in parallel: the demo must be up within seconds of `npm start`.
  await Promise.all(
    DEMO_INSTITUTIONS.map((institution) => once(() => registerInstitution(deps, OPERATOR, institution))),
  );
  await once(() => createAlliance(deps, OPERATOR, DEMO_ALLIANCE));
  await Promise.all(
    DEMO_CREDENTIALS.map(({ slug, ...draft }) =>
      once(() => registerCredential({ ...deps, ids: fixedIds(slug) }, COORDINATOR, draft)),
    ),
  );
  for (const programme of [DEMO_MICRO_DEGREE, DEMO_JOINT_MASTER]) await seedAgreedProgramme(deps, programme, report);
  return report;
};

/** Proposed by the coordinator and approved by every member through the same code path as the API. */
const seedAgreedProgramme = async (deps: Deps, programme: { id: string; rule: unknown }, report: SeedReport) => {
  if (await deps.programmes.get(programme.id)) {
    report.existing += 1;
    return;
  }
  const proposed = await proposeProgramme(
    { ...deps, ids: fixedIds(programme.id) },
    COORDINATOR,
    DEMO_ALLIANCE.id,
    programme.rule,
  );
  // All partners approve at once, as they may over HTTP: the last approval makes it agreed.
  await Promise.all(
    DEMO_ALLIANCE.members.map((member) => {
      const caller: Caller = { sub: `seed:${member}`, role: 'institution', institutionId: member, allianceIds: [] };
      return approveProgramme(deps, caller, programme.id, { version: 1, contentHash: proposed.contentHash ?? '' });
    }),
  );
  report.created += 1;
};
