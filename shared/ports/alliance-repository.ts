import type { Alliance } from '../schemas/alliance.js';

export interface StoredAlliance {
  readonly alliance: Alliance;
  /** Revision every write of the alliance is conditioned on. */
  readonly rev: number;
}

export interface AllianceRepository {
  /** Throws CONFLICT when the id is taken. */
  create(alliance: Alliance): Promise<void>;
  get(id: string): Promise<StoredAlliance | undefined>;
  /** Replaces the alliance if it is still at `expectedRev`; otherwise throws CONFLICT. */
  update(alliance: Alliance, expectedRev: number): Promise<void>;
}
