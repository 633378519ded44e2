import type { PendingRow } from '../../ports/import-jobs.js';

/*
 * A part is what one worker invocation writes and what one store item holds: at most 250 rows
 * (a few seconds of writes, well inside a worker's time limit) and at most 300 KB of JSON, under
 * DynamoDB's 400 KB item limit with room for the keys.
 */
export const MAX_ROWS_PER_CHUNK = 250;
export const MAX_CHUNK_BYTES = 300 * 1024;

export const chunkRows = (rows: readonly PendingRow[]): PendingRow[][] => {
  const chunks: PendingRow[][] = [];
  let current: PendingRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(JSON.stringify(row));
    if (current.length > 0 && (current.length >= MAX_ROWS_PER_CHUNK || bytes + size > MAX_CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};
