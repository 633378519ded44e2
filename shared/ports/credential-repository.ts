import type { Credential } from '../schemas/credential.js';
import type { Page, PageRequest } from './page.js';

export interface StoredCredential {
  readonly credential: Credential;
  readonly rev: number;
}

/** Catalogue filters of SPEC §4; all optional and combined with AND. */
export interface CatalogueFilter {
  readonly institution?: string;
  readonly eqfLevel?: number;
  readonly subjectArea?: string;
  readonly skill?: string;
  readonly q?: string;
}

export interface CredentialRepository {
  /** Stores version 1 and lists it in the catalogue; CONFLICT if the id is taken. */
  create(credential: Credential): Promise<void>;
  /** The latest version with the credential's lifecycle status. */
  get(id: string): Promise<StoredCredential | undefined>;
  /** The heads of several credentials at once (bulk import); absent ones are left out. */
  getMany(ids: readonly string[]): Promise<Map<string, StoredCredential>>;
  getVersion(id: string, version: number): Promise<Credential | undefined>;
  /** Appends `next` (version n+1) if the head is still at `expectedRev`; otherwise CONFLICT. */
  publishVersion(previous: Credential, next: Credential, expectedRev: number): Promise<void>;
  /**
   * Rewrites the current version's server-kept fields (confirmations, and the issuer countries that
   * follow from them) in its head, version and catalogue entries, if the head is still at
   * `expectedRev`; otherwise a StaleWriteError.
   */
  recordConfirmation(credential: Credential, expectedRev: number): Promise<void>;
  /** Marks the credential retired and takes it out of the catalogue; CONFLICT if changed meanwhile. */
  retire(credential: Credential, retiredAt: string, expectedRev: number): Promise<void>;
  catalogue(filter: CatalogueFilter, page: PageRequest): Promise<Page<Credential>>;
  /** Every published credential of the given institutions (all when omitted), for the engine. */
  published(institutionIds?: readonly string[]): Promise<Credential[]>;
  /**
   * Each institution's catalogue revision (0 before its first write), read strongly consistent:
   * it changes in the same transaction as any of the institution's published offerings.
   */
  catalogueRevisions(institutionIds: readonly string[]): Promise<Record<string, number>>;
}
