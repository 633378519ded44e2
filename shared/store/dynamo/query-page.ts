import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../ports/page.js';
import type { CursorCodec } from './cursor.js';

type Item = Record<string, unknown>;

export interface PagedQuery<T> {
  readonly doc: DynamoDBDocumentClient;
  readonly codec: CursorCodec;
  /** Names the query, so a cursor of one query is rejected by another. */
  readonly context: string;
  readonly input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  readonly map: (item: Item) => T;
  /** Applied after reading; pages are still filled up to `limit` (the query reads on). */
  readonly keep?: (value: T) => boolean;
  /** Attributes that make up the resume key: the table's keys, plus the index's when querying one. */
  readonly keyAttributes?: readonly string[];
  /**
   * At most this many Query calls per page. A filter that matches little would otherwise read a
   * whole partition in one request; past the cap the page comes back short (even empty) with a
   * cursor that resumes where reading stopped.
   */
  readonly maxQueries?: number;
}

/**
 * Reads one full page. It resumes after the last item it *returned* (not the last it read), asks for
 * one item more than the page holds so that the last page carries no cursor, and reads on when a
 * filter drops items, so filtered pages do not come back short.
 */
export const queryPage = async <T>(q: PagedQuery<T>, page: PageRequest): Promise<Page<T>> => {
  const kept: { value: T; key: Record<string, string> }[] = [];
  const keyAttributes = q.keyAttributes ?? ['pk', 'sk'];
  let start: Item | undefined = page.cursor ? q.codec.decode(page.cursor, q.context) : undefined;
  const readSize = Math.min(Math.max(page.limit + 1, q.keep ? 100 : 0), 1000);
  let queries = 0;
  do {
    const out = await q.doc.send(new QueryCommand({ ...q.input, Limit: readSize, ExclusiveStartKey: start }));
    queries += 1;
    for (const item of out.Items ?? []) {
      const value = q.map(item);
      if (!q.keep || q.keep(value))
        kept.push({ value, key: Object.fromEntries(keyAttributes.map((a) => [a, String(item[a])])) });
      if (kept.length > page.limit) break;
    }
    start = out.LastEvaluatedKey;
  } while (start && kept.length <= page.limit && queries < (q.maxQueries ?? Infinity));

  const items = kept.slice(0, page.limit);
  const last = items.at(-1);
  if (kept.length > page.limit && last)
    return { items: items.map((i) => i.value), cursor: q.codec.encode(last.key, q.context) };
  // The read cap was reached with the partition not yet exhausted: resume where reading stopped.
  const resume = start && Object.fromEntries(keyAttributes.map((a) => [a, String(start?.[a])]));
  return { items: items.map((i) => i.value), ...(resume ? { cursor: q.codec.encode(resume, q.context) } : {}) };
};

/** Every item a query matches, page after page: for partitions (or ranges) that are read whole. */
export const queryAll = async (
  doc: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
};
