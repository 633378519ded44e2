import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Key } from './keys.js';

type Item = Record<string, unknown>;

const BATCH = 100; // BatchGetItem's limit

/**
 * Reads the items of the given keys, 100 at a time. BatchGetItem may return some keys unprocessed
 * under load: those are asked for again until none is left. Absent items are simply not returned.
 */
export const getAll = async (doc: DynamoDBDocumentClient, table: string, wanted: readonly Key[]): Promise<Item[]> => {
  const found: Item[] = [];
  for (let i = 0; i < wanted.length; i += BATCH) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [table]: { Keys: wanted.slice(i, i + BATCH) },
    };
    while (request && Object.keys(request).length > 0) {
      const out = await doc.send(new BatchGetCommand({ RequestItems: request }));
      found.push(...(out.Responses?.[table] ?? []));
      request = out.UnprocessedKeys as typeof request; // the same shape as the request
    }
  }
  return found;
};
