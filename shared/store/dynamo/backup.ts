import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putAll } from './batch-put.js';

/*
 * Export and import of the whole table, item by item, for `npm run export` / `npm run import`.
 * This is the one place that scans: a backup reads every item by definition, so a paginated Scan
 * is the right tool here. No request path imports this module (STYLE §10: no scans there), and no
 * Lambda is granted dynamodb:Scan; the scripts run with an operator's credentials.
 * In AWS, point-in-time recovery stays the primary backup; this is the portable one (JSON lines).
 */
export type Item = Record<string, unknown>;

/** Every item of the table, one page at a time (strongly consistent, so a quiet table exports exactly). */
export async function* exportItems(doc: DynamoDBDocumentClient, table: string): AsyncGenerator<Item> {
  let start: Item | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) yield item;
    start = page.LastEvaluatedKey;
  } while (start);
}

export const isEmpty = async (doc: DynamoDBDocumentClient, table: string): Promise<boolean> => {
  const page = await doc.send(new ScanCommand({ TableName: table, Limit: 1, ConsistentRead: true }));
  return (page.Items ?? []).length === 0;
};

export class NotEmptyError extends Error {
  override readonly name = 'NotEmptyError';
}

/** Items read from the backup before they are written (putAll sends them 25 at a time). */
const BATCH = 500;

/**
 * Writes the items into an empty table (it refuses a non-empty one: an import merged into live data
 * could resurrect deleted items or overwrite newer revisions). Returns how many items were written.
 */
export const importItems = async (
  doc: DynamoDBDocumentClient,
  table: string,
  items: AsyncIterable<Item> | Iterable<Item>,
): Promise<number> => {
  if (!(await isEmpty(doc, table)))
    throw new NotEmptyError(`table ${table} is not empty; import restores into an empty table only`);
  let written = 0;
  let batch: Item[] = [];
  const flush = async () => {
    written += await putAll(doc, table, batch);
    batch = [];
  };
  for await (const item of items) {
    batch.push(item);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return written;
};
