/*
 * Which programmes list a credential among their modules, and which programmes exist at all: kept
 * at write time (docs/data-model.md), so "where does my module count" and "which programme am I
 * closest to" read a few items instead of every programme. Entries are written before the
 * programme change they describe commits, so the index never misses a programme; an entry a lost
 * race or a later amendment left behind is told apart at read by the version itself.
 */
export interface ModuleListing {
  readonly programmeId: string;
  /** The programme version that last listed the module. */
  readonly version: number;
}

export interface ProgrammeListing {
  readonly programmeId: string;
  readonly allianceId: string;
}

export interface ModuleIndex {
  /** Records that `version` of the programme lists these credentials (ids, not id@version). */
  list(programmeId: string, version: number, credentialIds: readonly string[]): Promise<void>;
  /** Removes the entries of credentials `version` no longer lists, unless a later version listed them again. */
  unlist(programmeId: string, version: number, credentialIds: readonly string[]): Promise<void>;
  /** Records that the programme exists (a new proposal), before it is written. */
  record(listing: ProgrammeListing): Promise<void>;
  /** The programmes whose entries name the credential: a superset of those whose current version lists it. */
  programmesListing(credentialId: string): Promise<ModuleListing[]>;
  /** Every programme recorded, of every alliance. */
  allProgrammes(): Promise<ProgrammeListing[]>;
}
