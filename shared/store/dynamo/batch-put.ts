import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Item = Record<string, unknown>;

const BATCH = 25; // BatchWriteItem's limit
const MAX_ROUNDS = 10;

/**
 * Puts the items 25 at a time. BatchWriteItem may leave items unprocessed when the table is busy:
 * those are sent again with exponential back-off, and still-unprocessed items after ten rounds are
 * an error rather than a silent loss. Returns how many items were written.
 */
export const putAll = async (doc: DynamoDBDocumentClient, table: string, items: readonly Item[]): Promise<number> => {
  let written = 0;
  for (let start = 0; start < items.length; start += BATCH) {
    let pending = items.slice(start, start + BATCH).map((item) => ({ PutRequest: { Item: item } }));
    for (let round = 1; pending.length > 0; round++) {
      if (round > MAX_ROUNDS) throw new Error(`${pending.length} items still unprocessed after ${MAX_ROUNDS} rounds`);
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      const left = out.UnprocessedItems?.[table] ?? [];
      written += pending.length - left.length;
      pending = left.map((request) => ({ PutRequest: { Item: request.PutRequest?.Item ?? {} } }));
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** round));
    }
  }
  return written;
};
