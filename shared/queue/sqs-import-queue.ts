import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ImportQueue } from '../ports/import-jobs.js';
import type { ImportChunkMessage } from './import-message.js';

const BATCH = 10; // SendMessageBatch's limit

/** The queue did not take the parts; a retry of the upload can cure it (answered 503). */
export class QueueUnavailable extends Error {
  override readonly name = 'QueueUnavailable';
}

/** The import worker's queue in AWS: one message per part, handled by functions/imports/worker.ts. */
export class SqsImportQueue implements ImportQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobId: string, chunks: readonly number[]): Promise<void> {
    for (let start = 0; start < chunks.length; start += BATCH) {
      const entries = chunks.slice(start, start + BATCH).map((chunk) => ({
        Id: String(chunk),
        MessageBody: JSON.stringify({ jobId, chunk } satisfies ImportChunkMessage),
      }));
      let failed: number;
      try {
        const out = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        failed = out.Failed?.length ?? 0;
      } catch (err) {
        throw new QueueUnavailable(`the import queue is unreachable: ${(err as Error).message}`, { cause: err });
      }
      // A part left out would leave the job waiting for ever: failing the upload is the honest answer.
      if (failed > 0) throw new QueueUnavailable(`the import queue refused ${failed} parts of import ${jobId}`);
    }
  }
}
