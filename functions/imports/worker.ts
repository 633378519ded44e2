import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { runImportChunk } from '../../shared/app/imports/run-import-chunk.js';
import { ImportChunkMessage, MAX_DELIVERIES } from '../../shared/queue/import-message.js';
import { instrumentStoreClient, requestDeps } from '../http/deps.js';
import { logError, logger } from '../http/log.js';

/*
 * The import worker: writes one part of an import job per queue message. In AWS an SQS queue feeds
 * it; locally the server's in-process queue calls processImportMessage directly.
 *
 * Traced with Powertools Tracer (X-Ray), each store call a subsegment: this function runs in the
 * background, so the tracer's cold-start cost (about 125 KB of bundle) is paid where nobody waits,
 * and a slow import shows where its time went (throttling, transactions, retries).
 */
const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'alliance-registry' });
if (tracer.isTracingEnabled()) instrumentStoreClient((client) => tracer.captureAWSv3Client(client));

export const processImportMessage = async (message: ImportChunkMessage): Promise<void> => {
  const started = performance.now();
  const run = await runImportChunk(requestDeps(), message.jobId, message.chunk);
  logger.info({
    message: `import part ${run}`,
    jobId: message.jobId,
    chunk: message.chunk,
    ms: Math.round(performance.now() - started),
  });
};

/** A part that keeps failing fails its job, so that GET /imports/{id} says so instead of staying "running". */
export const failImport = async (message: ImportChunkMessage, err: unknown): Promise<void> => {
  const deps = requestDeps();
  const reason = `part ${message.chunk} could not be written: ${err instanceof Error ? err.message : String(err)}`;
  await deps.importJobs.markFailed(message.jobId, reason, deps.clock.now());
};

const handleRecord = async (record: SQSEvent['Records'][number]): Promise<SQSBatchItemFailure | undefined> => {
  let message: ImportChunkMessage;
  try {
    message = ImportChunkMessage.parse(JSON.parse(record.body));
  } catch (err) {
    // No delivery of a malformed message can succeed: dropped, with a log line.
    logError('malformed import message dropped', { messageId: record.messageId }, err);
    return undefined;
  }
  tracer.putAnnotation('importJob', message.jobId);
  try {
    await processImportMessage(message);
    return undefined;
  } catch (err) {
    const receives = Number(record.attributes.ApproximateReceiveCount);
    logError('import part failed', { jobId: message.jobId, chunk: message.chunk, receives }, err);
    if (receives >= MAX_DELIVERIES) await failImport(message, err);
    return { itemIdentifier: record.messageId };
  }
};

const work = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    // Every line about one delivery carries its message id, as request lines carry theirs.
    logger.appendKeys({ correlationId: record.messageId });
    try {
      const failure = await handleRecord(record);
      if (failure) failures.push(failure);
    } finally {
      logger.removeKeys(['correlationId']);
    }
  }
  return { batchItemFailures: failures };
};

export const handler = middy(work).use(captureLambdaHandler(tracer));
