import type { ImportQueue } from '../../shared/ports/import-jobs.js';
import type { ImportChunkMessage } from '../../shared/queue/import-message.js';

export interface InProcessQueueOptions {
  /** Parts written at once (each writes 8 rows at once). */
  readonly concurrency: number;
  /** Deliveries of one part before giving up, as the SQS redrive policy does in AWS. */
  readonly maxAttempts: number;
  readonly process: (message: ImportChunkMessage) => Promise<void>;
  readonly giveUp: (message: ImportChunkMessage, err: unknown) => Promise<void>;
  readonly retryDelayMs?: number;
}

interface Delivery {
  readonly message: ImportChunkMessage;
  readonly attempt: number;
}

/**
 * The local stand-in for the SQS queue: the server process works on the parts in the background
 * with the same worker code, retrying a failed part as SQS would redeliver it. Nothing survives a
 * stop: a job interrupted by one stays unfinished, and uploading the file again (which is
 * idempotent) completes it.
 */
export class InProcessImportQueue implements ImportQueue {
  private readonly waiting: Delivery[] = [];
  private active = 0;
  private delayed = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: InProcessQueueOptions) {}

  async enqueue(jobId: string, chunks: readonly number[]): Promise<void> {
    if (this.stopped) throw new Error('the import queue is stopped');
    this.waiting.push(...chunks.map((chunk) => ({ message: { jobId, chunk }, attempt: 1 })));
    this.pump();
  }

  /** Resolves once nothing is waiting, running or due for a retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes no new parts and waits for the running ones. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    await this.idle();
  }

  private isIdle(): boolean {
    return this.active === 0 && this.delayed === 0 && this.waiting.length === 0;
  }

  private pump(): void {
    while (!this.stopped && this.active < this.options.concurrency && this.waiting.length > 0) {
      const next = this.waiting.shift();
      if (next) void this.deliver(next);
    }
    if (this.isIdle()) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    this.active += 1;
    try {
      await this.options.process(delivery.message);
    } catch (err) {
      if (delivery.attempt < this.options.maxAttempts && !this.stopped) {
        this.delayed += 1;
        setTimeout(
          () => {
            this.delayed -= 1;
            if (!this.stopped) this.waiting.push({ ...delivery, attempt: delivery.attempt + 1 });
            this.pump();
          },
          (this.options.retryDelayMs ?? 500) * delivery.attempt,
        );
      } else {
        await this.options.giveUp(delivery.message, err).catch((failure: unknown) => {
          process.stderr.write(`import queue: could not mark ${delivery.message.jobId} failed: ${String(failure)}\n`);
        });
      }
    } finally {
      this.active -= 1;
      this.pump();
    }
  }
}
