import { randomUUID } from 'node:crypto';
import type { ImportJob, OutcomeCounts, PendingRow, RowResult } from '../../ports/import-jobs.js';
import { writeRows } from '../csv/write-rows.js';
import type { ImportDeps } from './import-deps.js';

/** Results are stored as rows finish, in batches of this size (DynamoDB's BatchWriteItem limit). */
const RESULT_BATCH = 25;

const countOutcomes = (results: readonly RowResult[]): OutcomeCounts => ({
  created: results.filter((r) => r.outcome === 'created').length,
  updated: results.filter((r) => r.outcome === 'updated').length,
  unchanged: results.filter((r) => r.outcome === 'unchanged').length,
  rejected: results.filter((r) => r.outcome === 'rejected').length,
});

/** `skipped`: the part was done, held by another delivery, or its job is over. */
export type ChunkRun = 'written' | 'skipped';

/**
 * Writes one part of an import job. Delivery is at least once (SQS), so a part may arrive twice,
 * even at the same time, or again after a crash:
 * - one delivery at a time holds the part (a lease); a second delivery meanwhile does nothing,
 *   since the holder's own message stays queued until the holder succeeds;
 * - rows whose result is already stored are not written again (a row created by a run that then
 *   failed stays "created" in the report, not "unchanged");
 * - the part's counts reach the job once.
 * Errors other than a refused row propagate, for the queue to deliver the part again.
 */
export const runImportChunk = async (deps: ImportDeps, jobId: string, chunkNo: number): Promise<ChunkRun> => {
  const [job, chunk] = await Promise.all([deps.importJobs.get(jobId), deps.importJobs.chunk(jobId, chunkNo)]);
  if (!job || !chunk || job.status === 'failed' || job.status === 'completed') return 'skipped';
  if (chunk.counted) {
    // Counted, but the run that counted it may have stopped before it could complete the job.
    await deps.importJobs.completeIfAllCounted(jobId, deps.clock.now());
    return 'skipped';
  }
  const holder = randomUUID();
  if (!(await deps.importJobs.claimChunk(jobId, chunkNo, holder))) return 'skipped';
  try {
    await deps.importJobs.markRunning(jobId, deps.clock.now());
    const results = await writeChunk(deps, job, chunk.rows);
    await deps.importJobs.countChunk(jobId, chunkNo, countOutcomes(results), deps.clock.now());
  } catch (err) {
    await deps.importJobs.releaseChunk(jobId, chunkNo, holder).catch(() => undefined); // the lease expires anyway
    throw err;
  }
  await deps.importJobs.completeIfAllCounted(jobId, deps.clock.now());
  return 'written';
};

/** The part's rows not written before, with their results stored as they finish; returns every row's result. */
const writeChunk = async (deps: ImportDeps, job: ImportJob, rows: readonly PendingRow[]): Promise<RowResult[]> => {
  const first = rows[0]?.row ?? 0;
  const last = rows.at(-1)?.row ?? 0;
  // Rows refused on upload lie between a part's rows too: only this part's own rows count here.
  const mine = new Set(rows.map((r) => r.row));
  const earlier = (await deps.importJobs.resultsBetween(job.id, first, last)).filter((r) => mine.has(r.row));
  const known = new Set(earlier.map((r) => r.row));
  const results: RowResult[] = [...earlier];
  let unsaved: RowResult[] = [];
  const flush = async () => {
    const batch = unsaved;
    unsaved = [];
    if (batch.length > 0) await deps.importJobs.saveResults(job.id, batch);
  };
  // The job's caller, re-checked row by row: rights withdrawn since the upload stop the rows.
  await writeRows(
    deps,
    job.caller,
    rows.filter((r) => !known.has(r.row)),
    {
      onResult: async (result) => {
        results.push(result);
        unsaved.push(result);
        if (unsaved.length >= RESULT_BATCH) await flush();
      },
    },
  ).finally(flush);
  return results;
};
