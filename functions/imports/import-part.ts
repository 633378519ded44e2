import type { ImportDeps } from '../../shared/app/imports/import-deps.js';
import { runImportChunk } from '../../shared/app/imports/run-import-chunk.js';
import type { ImportChunkMessage } from '../../shared/queue/import-message.js';
import { logger } from '../http/log.js';

/*
 * One part of an import job, written or failed: what the SQS worker (worker.ts) and the local
 * server's in-process queue both run. Kept apart from worker.ts so that the local server does not
 * load the X-Ray tracer, whose context tracking (async hooks on every promise) would tax every
 * request it serves, not only imports.
 */

export const processImportMessage = async (deps: ImportDeps, message: ImportChunkMessage): Promise<void> => {
  const started = performance.now();
  const run = await runImportChunk(deps, message.jobId, message.chunk);
  logger.info({
    message: `import part ${run}`,
    jobId: message.jobId,
    chunk: message.chunk,
    ms: Math.round(performance.now() - started),
  });
};

/** A part that keeps failing fails its job, so that GET /imports/{id} says so instead of staying "running". */
export const failImport = async (deps: ImportDeps, message: ImportChunkMessage, err: unknown): Promise<void> => {
  const reason = `part ${message.chunk} could not be written: ${err instanceof Error ? err.message : String(err)}`;
  await deps.importJobs.markFailed(message.jobId, reason, deps.clock.now());
};
