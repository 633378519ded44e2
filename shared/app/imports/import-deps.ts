import type { ImportJobRepository, ImportQueue } from '../../ports/import-jobs.js';
import type { Deps } from '../deps.js';

/** What the import-job use-cases touch besides the registry: the jobs' own store. */
export interface ImportDeps extends Deps {
  readonly importJobs: ImportJobRepository;
}

/** Starting a job also queues its parts. */
export interface StartImportDeps extends ImportDeps {
  readonly importQueue: ImportQueue;
}
