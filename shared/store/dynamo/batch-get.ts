import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys.js';

type Item = Record<string, unknown>;

const BATCH = 100; // BatchGetItem's limit

/**
 * Reads the items of the given keys, 100 at a time, the batches at once. BatchGetItem may return
 * some keys unprocessed under load: those are asked for again until none is left. Absent items are
 * simply not returned. `consistent`: strongly consistent reads.
 */
export const getAll = async (
  doc: DynamoDBDocumentClient,
  table: string,
  wanted: readonly Key[],
  consistent = false,
): Promise<Item[]> => {
  const batches = Array.from({ length: Math.ceil(wanted.length / BATCH) }, async (_, b) => {
    const found: Item[] = [];
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined = {
      [table]: { Keys: wanted.slice(b * BATCH, (b + 1) * BATCH), ...(consistent ? { ConsistentRead: true } : {}) },
    };
    while (request && Object.keys(request).length > 0) {
      const out = await doc.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(out.Responses?.[table] ?? []));
      request = out.UnprocessedKeys as typeof request; // the same shape as the request
    }
    return found;
  });
  return (await Promise.all(batches)).flat();
};
