import canonicalize from 'canonicalize';
import { DomainError } from '../../domain/errors.js';
import type { Caller } from '../../ports/caller.js';
import { CredentialFields, type CredentialDraft } from '../../schemas/credential.js';
import { assertMayManageCredentialsOf } from '../access.js';
import { registerCredential, updateCredential } from '../credentials/write-credential.js';
import type { Deps } from '../deps.js';
import { checkHeader, columnOf, mapRow, type RowIssue } from './columns.js';
import { parseCsv } from './parse-csv.js';

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface ImportReport {
  readonly institutionId: string;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** One entry per problem: the spreadsheet row, the column, and what is wrong. */
  readonly problems: RowIssue[];
  /** The credential id of each accepted row, so a registrar can find what the file made. */
  readonly credentials: { readonly row: number; readonly id: string; readonly outcome: Exclude<RowOutcome, 'rejected'> }[];
}

export interface ImportOptions {
  /** Spreadsheet row of the first record (a client sending a large file in parts says where each part starts). */
  readonly firstRow?: number;
  /** Rows written at once; the store's throughput, not correctness, sets it. */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

const sameOffering = (draft: CredentialDraft, stored: unknown): boolean =>
  canonicalize(CredentialFields.parse(stored)) === canonicalize(draft);

/**
 * Bulk registration from CSV (issue 9): good rows go in while bad rows are reported by row and
 * column. Idempotent: a row's id is `<institution>-<key>`, an unchanged row writes nothing, and a
 * changed row publishes the next version (published versions stay immutable, SPEC §3).
 */
export const importCredentialsCsv = async (
  deps: Deps,
  caller: Caller,
  institutionId: string,
  csv: string,
  options: ImportOptions = {},
): Promise<ImportReport> => {
  await assertMayManageCredentialsOf(deps, caller, institutionId);
  const { header, records } = parseCsv(csv, options.firstRow ?? 2);
  const headerIssues = checkHeader(header);
  if (headerIssues.some((i) => i.message.startsWith('required'))) {
    throw new DomainError('VALIDATION_FAILED', headerIssues.map((i) => i.message).join('; '), headerIssues.map((i) => ({ path: `(column) ${i.column}`, message: i.message })));
  }
  const problems: RowIssue[] = [...headerIssues];
  const credentials: ImportReport['credentials'] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const seenIds = new Map<string, number>();

  const writeRow = async (row: number, id: string, draft: CredentialDraft): Promise<void> => {
    const stored = await deps.credentials.get(id);
    let outcome: Exclude<RowOutcome, 'rejected'>;
    if (!stored) {
      // The row key, not the title, names the credential: the same file finds it again.
      await registerCredential({ ...deps, ids: { ...deps.ids, credentialId: () => id } }, caller, draft);
      outcome = 'created';
    } else if (sameOffering(draft, stored.credential)) {
      outcome = 'unchanged';
    } else {
      await updateCredential(deps, caller, id, stored.credential.version, draft);
      outcome = 'updated';
    }
    counts[outcome] += 1;
    credentials.push({ row, id, outcome });
  };

  let done = 0;
  const queue = records.map((record) => async () => {
    const mapped = mapRow(institutionId, record.row, record.values);
    try {
      if (!mapped.ok) {
        counts.rejected += 1;
        problems.push(...mapped.issues);
        return;
      }
      const earlier = seenIds.get(mapped.id);
      if (earlier !== undefined) {
        counts.rejected += 1;
        problems.push({ row: record.row, column: 'key', message: `key repeats row ${earlier}` });
        return;
      }
      seenIds.set(mapped.id, record.row);
      await writeRow(record.row, mapped.id, mapped.draft);
    } catch (err) {
      // A row the domain refuses (an unknown awarding body, a retired credential, a race) is
      // reported with the row; anything else is a failure of the import itself.
      if (!(err instanceof DomainError)) throw err;
      counts.rejected += 1;
      const details = err.details.length > 0 ? err.details : [{ path: '(row)', message: err.message }];
      problems.push(...details.map((d) => ({ row: record.row, column: columnOf(d.path), message: d.message })));
    } finally {
      done += 1;
      options.onProgress?.(done, records.length);
    }
  });
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  });
  await Promise.all(workers);

  problems.sort((a, b) => a.row - b.row);
  credentials.sort((a, b) => a.row - b.row);
  return { institutionId, rows: records.length, ...counts, problems, credentials };
};
