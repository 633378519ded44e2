import type { CredentialDraft } from '../schemas/credential.js';
import type { Caller } from './caller.js';
import type { Page, PageRequest } from './page.js';

export type ImportJobStatus = 'queued' | 'running' | 'completed' | 'failed';
export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** What became of one spreadsheet row. */
export interface RowResult {
  /** Spreadsheet row: the header is row 1, the first credential row 2. */
  readonly row: number;
  readonly outcome: RowOutcome;
  /** The credential the row made or found (absent for a rejected row). */
  readonly credentialId?: string;
  /** Why a row was rejected, by column. */
  readonly problems?: readonly { readonly column: string; readonly message: string }[];
}

/** A row that passed validation and waits to be written. */
export interface PendingRow {
  readonly row: number;
  readonly id: string;
  readonly draft: CredentialDraft;
}

export interface OutcomeCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

/** A CSV import running in the background (issue 9: progress in the API for large files). */
export interface ImportJob extends OutcomeCounts {
  readonly id: string;
  readonly institutionId: string;
  readonly status: ImportJobStatus;
  /** Credential rows in the file. */
  readonly rows: number;
  /** Rows with an outcome so far (rows rejected on upload count at once). */
  readonly processed: number;
  /** Problems with the header row that did not stop the import (unknown columns). */
  readonly headerProblems: readonly { readonly column: string; readonly message: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** Why a failed job stopped. */
  readonly failure?: string;
  /** Who started it: the rows are written with this caller's rights, re-checked by the worker. */
  readonly caller: Caller;
}

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
