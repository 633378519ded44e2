import type { AllianceRepository } from '../ports/alliance-repository.js';
import type { Clock } from '../ports/clock.js';
import type { CredentialRepository } from '../ports/credential-repository.js';
import type { IdGenerator } from '../ports/ids.js';
import type { InstitutionRepository } from '../ports/institution-repository.js';
import type { ProgrammeRepository } from '../ports/programme-repository.js';

/** Everything a use-case may touch, passed in so that tests and the seed can choose. */
export interface Deps {
  readonly institutions: InstitutionRepository;
  readonly alliances: AllianceRepository;
  readonly credentials: CredentialRepository;
  readonly programmes: ProgrammeRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}
