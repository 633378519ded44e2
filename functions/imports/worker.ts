import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ImportDeps } from '../../shared/app/imports/import-deps.js';
import { ImportChunkMessage, MAX_DELIVERIES } from '../../shared/queue/import-message.js';
import { depsFromEnvironment, type RequestDeps } from '../http/deps.js';
import { failImport, processImportMessage } from './import-part.js';
import { logError, logger } from '../http/log.js';

/*
 * The import worker: writes one part of an import job per queue message. In AWS an SQS queue feeds
 * it; locally the server's in-process queue calls processImportMessage (import-part.ts) directly.
 *
 * Traced with Powertools Tracer (X-Ray), each store call a subsegment: this function runs in the
 * background, so the tracer's cold-start cost (about 125 KB of bundle) is paid where nobody waits,
 * and a slow import shows where its time went (throttling, transactions, retries).
 */
const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'alliance-registry' });

let container: RequestDeps | undefined;
/** The worker container's deps, built on its first message; its store calls traced when X-Ray is on. */
const containerDeps = (): RequestDeps =>
  (container ??= depsFromEnvironment(
    tracer.isTracingEnabled() ? { instrument: (client) => tracer.captureAWSv3Client(client) } : {},
  ));

const handleRecord = async (
  deps: ImportDeps,
  record: SQSEvent['Records'][number],
): Promise<SQSBatchItemFailure | undefined> => {
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
    await processImportMessage(deps, message);
    return undefined;
  } catch (err) {
    const receives = Number(record.attributes.ApproximateReceiveCount);
    logError('import part failed', { jobId: message.jobId, chunk: message.chunk, receives }, err);
    if (receives >= MAX_DELIVERIES) await failImport(deps, message, err);
    return { itemIdentifier: record.messageId };
  }
};

/** One SQS batch over these deps; a part that fails is handed back for redelivery. */
export const processImportBatch = async (deps: ImportDeps, event: SQSEvent): Promise<SQSBatchResponse> => {
  const failures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    // Every line about one delivery carries its message id, as request lines carry theirs.
    logger.appendKeys({ correlationId: record.messageId });
    try {
      const failure = await handleRecord(deps, record);
      if (failure) failures.push(failure);
    } finally {
      logger.removeKeys(['correlationId']);
    }
  }
  return { batchItemFailures: failures };
};

export const handler = middy((event: SQSEvent) => processImportBatch(containerDeps(), event)).use(
  captureLambdaHandler(tracer),
);
