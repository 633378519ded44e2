import type * as z from 'zod/mini';
import type {
  ImportJobView,
  PendingRow as PendingRowSchema,
  RowResult as RowResultSchema,
} from '../schemas/import-job.js';
import type { Caller } from './caller.js';
import type { Page, PageRequest } from './page.js';

export type ImportJobStatus = z.infer<typeof ImportJobView>['status'];
export type RowOutcome = z.infer<typeof RowResultSchema>['outcome'];

/** What became of one spreadsheet row (the header is row 1); derived from its schema. */
export type RowResult = z.infer<typeof RowResultSchema>;

/** A row that passed validation and waits to be written. */
export type PendingRow = z.infer<typeof PendingRowSchema>;

export interface OutcomeCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/**
 * A CSV import running in the background: the job as the API shows it (ImportJobView), with who
 * started it in place of its subject alone: the rows are written with this caller's rights,
 * re-checked by the worker.
 */
export type ImportJob = Omit<z.infer<typeof ImportJobView>, 'startedBy'> & { readonly caller: Caller };

export interface NewImportJob {
  readonly job: ImportJob;
  /** Validated rows, cut into the parts the worker writes one at a time. */
  readonly chunks: readonly (readonly PendingRow[])[];
  /** Rows refused on upload (invalid, or a key repeated): their outcome is known already. */
  readonly rejected: readonly RowResult[];
}

export interface ImportChunk {
  readonly rows: readonly PendingRow[];
  /** True once its outcomes were counted into the job. */
  readonly counted: boolean;
}

export interface ImportJobRepository {
  /** Stores the parts, the rejected rows' results and then the job, which only then exists. */
  create(job: NewImportJob): Promise<void>;
  get(id: string): Promise<ImportJob | undefined>;
  chunk(jobId: string, chunk: number): Promise<ImportChunk | undefined>;
  /**
   * Leases a part to one delivery for a while (longer than the worker's time limit); false when
   * another live delivery holds it or the part is counted already.
   */
  claimChunk(jobId: string, chunk: number, holder: string): Promise<boolean>;
  /** Gives the lease back early, after a failed delivery, so that a redelivery need not wait. */
  releaseChunk(jobId: string, chunk: number, holder: string): Promise<void>;
  /** queued → running (no-op when it is running already). */
  markRunning(jobId: string, at: string): Promise<void>;
  /** Results already stored for rows `first`..`last` (a part written again after a failure). */
  resultsBetween(jobId: string, first: number, last: number): Promise<RowResult[]>;
  saveResults(jobId: string, results: readonly RowResult[]): Promise<void>;
  /** Adds a part's counts to the job and marks the part counted, once: a part delivered twice is counted once. */
  countChunk(jobId: string, chunk: number, counts: OutcomeCounts, at: string): Promise<void>;
  /** running → completed once every part is counted (no-op before that, or when done already). */
  completeIfAllCounted(jobId: string, at: string): Promise<void>;
  markFailed(jobId: string, reason: string, at: string): Promise<void>;
  results(jobId: string, filter: { readonly outcome?: RowOutcome }, page: PageRequest): Promise<Page<RowResult>>;
}

/** Hands the parts of a job to whatever writes them: SQS in AWS, an in-process queue locally. */
export interface ImportQueue {
  enqueue(jobId: string, chunks: readonly number[]): Promise<void>;
}
