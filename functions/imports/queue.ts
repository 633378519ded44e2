import { SQSClient } from '@aws-sdk/client-sqs';
import type { ImportQueue } from '../../shared/ports/import-jobs.js';
import { SqsImportQueue } from '../../shared/queue/sqs-import-queue.js';

/*
 * Where an upload's parts go. In AWS the stack sets IMPORT_QUEUE_URL (an SQS queue feeding the
 * worker function); the local server registers its in-process queue instead. Neither: the upload
 * is refused rather than left queued with no one to work on it.
 */
let local: ImportQueue | undefined;
let sqs: ImportQueue | undefined;

export const useLocalImportQueue = (queue: ImportQueue | undefined): void => {
  local = queue;
};

export const importQueue = (): ImportQueue => {
  const url = process.env.IMPORT_QUEUE_URL;
  if (url) return (sqs ??= new SqsImportQueue(new SQSClient({ maxAttempts: 3 }), url));
  if (local) return local;
  throw new Error('no import queue: IMPORT_QUEUE_URL is not set and no local queue is registered');
};
