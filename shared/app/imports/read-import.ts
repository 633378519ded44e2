import { DomainError, notFound } from '../../domain/errors.js';
import type { Caller } from '../../ports/caller.js';
import type { ImportJob, RowOutcome, RowResult } from '../../ports/import-jobs.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { assertMayManageCredentialsOf } from '../access.js';
import type { ImportDeps } from './import-deps.js';

/** A job as its readers see it: who started it by subject, not the rights it was started with. */
export type ImportJobView = Omit<ImportJob, 'caller'> & { readonly startedBy: string };

export const toJobView = ({ caller, ...job }: ImportJob): ImportJobView => ({ ...job, startedBy: caller.sub });

/*
 * A job is read by whoever may manage the institution's credentials: its report lists the
 * institution's rows before they are published. An unknown id and someone else's job both answer
 * 404, so ids cannot be probed.
 */
const readableJob = async (deps: ImportDeps, caller: Caller, id: string): Promise<ImportJob> => {
  const job = await deps.importJobs.get(id);
  if (!job) throw notFound(`import ${id}`);
  try {
    await assertMayManageCredentialsOf(deps, caller, job.institutionId);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'FORBIDDEN') throw notFound(`import ${id}`);
    throw err;
  }
  return job;
};

/** GET /imports/{id}: status and counts, cheap enough to poll. */
export const readImport = async (deps: ImportDeps, caller: Caller, id: string): Promise<ImportJobView> =>
  toJobView(await readableJob(deps, caller, id));

/** GET /imports/{id}/rows: the per-row report in row order, optionally one outcome only. */
export const readImportRows = async (
  deps: ImportDeps,
  caller: Caller,
  id: string,
  filter: { readonly outcome?: RowOutcome },
  page: PageRequest,
): Promise<Page<RowResult>> => {
  await readableJob(deps, caller, id);
  return deps.importJobs.results(id, filter, page);
};
