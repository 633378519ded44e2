import type { Caller } from '../../ports/caller.js';
import type { RowOutcome, RowResult } from '../../ports/import-jobs.js';
import { assertMayManageCredentialsOf } from '../access.js';
import type { Deps } from '../deps.js';
import type { RowIssue } from './columns.js';
import { prepareRows } from './prepare-rows.js';
import { writeRows } from './write-rows.js';

export interface ImportReport {
  readonly institutionId: string;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** One entry per problem: the spreadsheet row, the column, and what is wrong; the first MAX_REPORTED_PROBLEMS. */
  readonly problems: RowIssue[];
  /** Problems beyond MAX_REPORTED_PROBLEMS, counted but not listed. */
  readonly problemsOmitted?: number;
  /** The credential id of each accepted row, so a registrar can find what the file made. */
  readonly credentials: {
    readonly row: number;
    readonly id: string;
    readonly outcome: Exclude<RowOutcome, 'rejected'>;
  }[];
}

export interface ImportOptions {
  /** Spreadsheet row of the first record (a client sending a large file in parts says where each part starts). */
  readonly firstRow?: number;
  readonly concurrency?: number;
}

/**
 * Problems listed in one answer. A file of many bad rows would otherwise answer megabytes (past
 * Lambda's 6 MB); a registrar fixes the first thousand and sends the file again, or uses an import
 * job, whose per-row report is paged.
 */
export const MAX_REPORTED_PROBLEMS = 1000;

/** The answer of the synchronous route: counts, problems by row and column, and the ids made. */
export const toImportReport = (
  institutionId: string,
  rows: number,
  headerIssues: readonly RowIssue[],
  results: readonly RowResult[],
): ImportReport => {
  const count = (outcome: RowOutcome) => results.filter((r) => r.outcome === outcome).length;
  const ordered = [...results].sort((a, b) => a.row - b.row);
  const problems = [...headerIssues, ...ordered.flatMap((r) => (r.problems ?? []).map((p) => ({ row: r.row, ...p })))];
  return {
    institutionId,
    rows,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rejected: count('rejected'),
    problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
    ...(problems.length > MAX_REPORTED_PROBLEMS ? { problemsOmitted: problems.length - MAX_REPORTED_PROBLEMS } : {}),
    credentials: ordered.flatMap((r) =>
      r.outcome !== 'rejected' && r.credentialId ? [{ row: r.row, id: r.credentialId, outcome: r.outcome }] : [],
    ),
  };
};

/**
 * Bulk registration from a CSV small enough for one request (docs/csv-import.md): good rows go in while bad
 * rows are reported by row and column. Larger files go through an import job (../imports).
 */
export const importCredentialsCsv = async (
  deps: Deps,
  caller: Caller,
  institutionId: string,
  csv: string,
  options: ImportOptions = {},
): Promise<ImportReport> => {
  await assertMayManageCredentialsOf(deps, caller, institutionId);
  const prepared = prepareRows(institutionId, csv, options.firstRow ?? 2);
  const written = await writeRows(deps, caller, prepared.pending, { concurrency: options.concurrency ?? 8 });
  return toImportReport(institutionId, prepared.rows, prepared.headerIssues, [...prepared.rejected, ...written]);
};
