import { parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/errors.js';

export interface CsvRecord {
  /** Spreadsheet row number of the record (header = `firstRow - 1`). */
  readonly row: number;
  readonly values: Record<string, string>;
}

export interface ParsedCsv {
  readonly header: string[];
  /** `;` is what spreadsheets write where the decimal separator is a comma (de, at, es, …). */
  readonly delimiter: ',' | ';';
  readonly records: CsvRecord[];
}

/**
 * RFC 4180 CSV with a header row (UTF-8, optional BOM, `,` or `;` as exported by spreadsheets).
 * A file that is not CSV at all is a 400 naming the line; a short or long row is reported per row
 * by the caller, not here.
 */
export const parseCsv = (text: string, firstRow = 2): ParsedCsv => {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as string[][]; // array records without `columns`
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new DomainError('VALIDATION_FAILED', `the file is not valid CSV: ${message}`, [{ path: '(body)', message }], {
      cause: err,
    });
  }
  const [headerRow, ...dataRows] = rows;
  if (!headerRow)
    throw new DomainError('VALIDATION_FAILED', 'the CSV file is empty', [
      { path: '(body)', message: 'a header row is required' },
    ]);
  const header = headerRow.map((h) => h.trim().toLowerCase());
  return {
    header,
    delimiter,
    records: dataRows.map((cells, i) => ({
      row: firstRow + i,
      values: Object.fromEntries(header.map((name, c) => [name, cells[c] ?? ''])),
    })),
  };
};
