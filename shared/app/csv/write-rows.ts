import { describesOffering } from '../../domain/credential.js';
import { DomainError } from '../../domain/errors.js';
import type { Caller } from '../../ports/caller.js';
import type { StoredCredential } from '../../ports/credential-repository.js';
import type { PendingRow, RowResult } from '../../ports/import-jobs.js';
import { registerCredential, updateCredential } from '../credentials/write-credential.js';
import type { Deps } from '../deps.js';
import { columnOf } from './columns.js';

export interface WriteRowsOptions {
  /** Rows written at once; the store's throughput, not correctness, sets it. */
  readonly concurrency?: number;
  /** Called as each row gets its outcome, in completion order. */
  readonly onResult?: (result: RowResult) => void | Promise<void>;
}

/*
 * Idempotent: a row's id is `<institution>-<key>`, an unchanged row writes nothing, and a changed
 * row publishes the next version (published versions stay immutable, SPEC §3).
 */
const writeRow = async (
  deps: Deps,
  caller: Caller,
  { row, id, draft }: PendingRow,
  stored: StoredCredential | undefined,
): Promise<RowResult> => {
  if (!stored) {
    // The row key, not the title, names the credential: the same file finds it again.
    await registerCredential({ ...deps, ids: { ...deps.ids, credentialId: () => id } }, caller, draft);
    return { row, outcome: 'created', credentialId: id };
  }
  if (describesOffering(stored.credential, draft)) return { row, outcome: 'unchanged', credentialId: id };
  await updateCredential(deps, caller, id, stored.credential.version, draft);
  return { row, outcome: 'updated', credentialId: id };
};

/**
 * Writes validated rows. A row the domain refuses (an unknown awarding body, a retired credential,
 * a race) gets a `rejected` result naming the column; any other error is a failure of the import
 * itself and is thrown, after the rows already written have been reported through `onResult`.
 */
export const writeRows = async (
  deps: Deps,
  caller: Caller,
  rows: readonly PendingRow[],
  options: WriteRowsOptions = {},
): Promise<RowResult[]> => {
  const results: RowResult[] = [];
  const queue = [...rows];
  // One batched read of every row's credential instead of one read a row: a file sent again is
  // mostly unchanged rows, which then cost nothing more. A row changed meanwhile by someone else
  // fails its conditional write and is reported, as it would be with a read of its own.
  const stored = await deps.credentials.getMany(rows.map((r) => r.id));
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    // After a failure no new row starts, but rows in flight finish and are reported: nothing is
    // written that the caller does not hear of.
    for (let next = queue.shift(); next && !failure; next = queue.shift()) {
      let result: RowResult;
      try {
        result = await writeRow(deps, caller, next, stored.get(next.id));
      } catch (err) {
        if (!(err instanceof DomainError)) {
          failure ??= { error: err };
          return;
        }
        const details = err.details.length > 0 ? err.details : [{ path: '(row)', message: err.message }];
        result = {
          row: next.row,
          outcome: 'rejected',
          problems: details.map((d) => ({ column: columnOf(d.path), message: d.message })),
        };
      }
      results.push(result);
      try {
        await options.onResult?.(result);
      } catch (err) {
        failure ??= { error: err };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  if (failure) throw failure.error;
  return results.sort((a, b) => a.row - b.row);
};
