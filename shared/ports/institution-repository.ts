import type { Institution } from '../schemas/institution.js';
import type { Page, PageRequest } from './page.js';

export interface InstitutionRepository {
  /** Throws CONFLICT when the id is taken. */
  create(institution: Institution): Promise<void>;
  get(id: string): Promise<Institution | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, Institution>>;
  list(page: PageRequest): Promise<Page<Institution>>;
}
