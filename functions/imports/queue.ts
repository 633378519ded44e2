import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsImportQueue } from '../../shared/queue/sqs-import-queue.js';
import { requestDeps, type RequestDeps } from '../http/deps.js';

/*
 * Where an upload's parts go in AWS: the SQS queue the stack gives the imports function in
 * IMPORT_QUEUE_URL, feeding the worker function. Only the upload route asks for it, so no other
 * function's bundle carries the SQS client. Without the variable the container keeps the deps'
 * queue that refuses, and the upload fails rather than leaving a job nobody works on. The local
 * server never comes here: its deps carry its own in-process queue (functions/local/registry.ts).
 */
let withQueue: RequestDeps | undefined;

export const importDepsFromEnvironment = (): RequestDeps => {
  if (withQueue) return withQueue;
  const url = process.env.IMPORT_QUEUE_URL;
  const deps = requestDeps();
  withQueue = url ? { ...deps, importQueue: new SqsImportQueue(new SQSClient({ maxAttempts: 3 }), url) } : deps;
  return withQueue;
};
