import { DomainError, invalid } from '../../domain/errors.js';
import type { PendingRow, RowResult } from '../../ports/import-jobs.js';
import { checkHeader, CSV_ID_SEPARATOR, mapRow, type RowIssue } from './columns.js';
import { parseCsv } from './parse-csv.js';

export interface PreparedRows {
  /** Unknown columns: reported, but the import goes on without them. */
  readonly headerIssues: RowIssue[];
  /** Rows that passed validation, in file order. */
  readonly pending: PendingRow[];
  /** Rows refused before anything is written: invalid values or a key already used above. */
  readonly rejected: RowResult[];
  readonly rows: number;
}

/**
 * Everything about a CSV that can be checked without the store: the header, each row against the
 * standard elements (docs/csv-import.md) and repeated keys. A file missing a required column is
 * refused whole, since none of its rows could go in.
 */
export const prepareRows = (institutionId: string, csv: string, firstRow = 2): PreparedRows => {
  // An institution registered before ids were kept free of `--` would make its row ids ambiguous.
  if (institutionId.includes(CSV_ID_SEPARATOR)) {
    throw invalid(
      '(path) id',
      `institution ${institutionId} has "${CSV_ID_SEPARATOR}" in its id, so its CSV rows would have ambiguous ids; register credentials one by one`,
    );
  }
  const { header, delimiter, records } = parseCsv(csv, firstRow);
  const headerIssues = checkHeader(header);
  if (headerIssues.some((i) => i.message.startsWith('required'))) {
    throw new DomainError(
      'VALIDATION_FAILED',
      headerIssues.map((i) => i.message).join('; '),
      headerIssues.map((i) => ({ path: `(column) ${i.column}`, message: i.message })),
    );
  }
  const pending: PendingRow[] = [];
  const rejected: RowResult[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const record of records) {
    const mapped = mapRow(institutionId, record.row, record.values, { decimalComma: delimiter === ';' });
    if (!mapped.ok) {
      rejected.push({
        row: record.row,
        outcome: 'rejected',
        problems: mapped.issues.map(({ column, message }) => ({ column, message })),
      });
      continue;
    }
    const earlier = firstRowOfId.get(mapped.id);
    if (earlier !== undefined) {
      rejected.push({
        row: record.row,
        outcome: 'rejected',
        problems: [{ column: 'key', message: `key repeats row ${earlier}` }],
      });
      continue;
    }
    firstRowOfId.set(mapped.id, record.row);
    pending.push({ row: mapped.row, id: mapped.id, draft: mapped.draft });
  }
  return { headerIssues, pending, rejected, rows: records.length };
};
