import type { Page, PageRequest } from './page.js';
import type { Programme, ProgrammeEvent, ProgrammeVersion } from '../schemas/programme.js';

export interface StoredProgramme {
  readonly programme: Programme;
  readonly rev: number;
  /** Number of history events written so far; the next one gets seq eventCount + 1. */
  readonly eventCount: number;
}

/** How much of a programme one read shows: the rest is paged (history) or read one by one (versions). */
export const VERSIONS_SHOWN = 5;
export const EVENTS_SHOWN = 50;

export interface ProgrammeRecord extends StoredProgramme {
  /** The newest VERSIONS_SHOWN versions, and the agreed one when older; ascending. */
  readonly versions: ProgrammeVersion[];
  /** The newest EVENTS_SHOWN history events, ascending. */
  readonly events: ProgrammeEvent[];
}

/** One atomic step of a programme's life: the head, maybe a new version, and its history events. */
export interface ProgrammeChange {
  readonly programme: Programme;
  /** The head's revision the change was decided on; undefined for a new programme. */
  readonly expectedRev?: number;
  readonly newVersion?: ProgrammeVersion;
  readonly events: readonly ProgrammeEvent[];
  /** Membership the decision relied on: the write fails if the alliance changed meanwhile. */
  readonly allianceAtRev?: { readonly allianceId: string; readonly rev: number };
}

export interface ProgrammeRepository {
  /** Writes the change in one transaction; a lost race throws StaleWriteError. */
  commit(change: ProgrammeChange): Promise<void>;
  get(id: string): Promise<StoredProgramme | undefined>;
  /** Head, the newest versions (and the agreed one) and the newest history events; bounded whatever the programme's age. */
  load(id: string): Promise<ProgrammeRecord | undefined>;
  /** The history, newest first, page by page. */
  history(id: string, page: PageRequest): Promise<Page<ProgrammeEvent>>;
  getVersion(id: string, version: number): Promise<ProgrammeVersion | undefined>;
  listByAlliance(allianceId: string, page: PageRequest): Promise<Page<Programme>>;
}
