import type { Caller } from '../../ports/caller.js';
import type { ImportJob } from '../../ports/import-jobs.js';
import { assertMayManageCredentialsOf } from '../access.js';
import { prepareRows } from '../csv/prepare-rows.js';
import { chunkRows } from './chunk-rows.js';
import type { StartImportDeps } from './import-deps.js';

/**
 * POST /institutions/{id}/imports: validates the whole file at once (bad rows are reported at once
 * and never queued), stores the good rows in parts and queues them; the answer comes before any
 * credential is written, and GET /imports/{id} shows the progress.
 */
export const startImport = async (
  deps: StartImportDeps,
  caller: Caller,
  institutionId: string,
  csv: string,
  options: { readonly firstRow?: number } = {},
): Promise<ImportJob> => {
  await assertMayManageCredentialsOf(deps, caller, institutionId);
  const prepared = prepareRows(institutionId, csv, options.firstRow ?? 2);
  const chunks = chunkRows(prepared.pending);
  const now = deps.clock.now();
  const done = chunks.length === 0;
  const job: ImportJob = {
    id: deps.ids.importJobId(institutionId),
    institutionId,
    status: done ? 'completed' : 'queued',
    rows: prepared.rows,
    processed: prepared.rejected.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: prepared.rejected.length,
    headerProblems: prepared.headerIssues.map(({ column, message }) => ({ column, message })),
    createdAt: now,
    updatedAt: now,
    ...(done ? { startedAt: now, finishedAt: now } : {}),
    caller,
  };
  await deps.importJobs.create({ job, chunks, rejected: prepared.rejected });
  if (done) return job;
  try {
    await deps.importQueue.enqueue(
      job.id,
      chunks.map((_, i) => i + 1),
    );
  } catch (err) {
    // A job no worker will ever pick up must not look queued.
    await deps.importJobs.markFailed(job.id, 'the import could not be queued; send the file again', deps.clock.now());
    throw err;
  }
  return job;
};
