import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogueFilter } from '../../ports/credential-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import type { Credential } from '../../schemas/credential.js';
import { getAll } from './batch-get.js';
import {
  holdsWholeCredentials,
  matchesFacets,
  matchesFilter,
  parseEntry,
  parseWhole,
  partitionFor,
} from './catalogue-facets.js';
import type { CursorCodec } from './cursor.js';
import { keys } from './keys.js';
import { queryPage } from './query-page.js';

/**
 * Query calls one catalogue page may make. A filter that matches little (a `q` no credential
 * contains) would otherwise read the whole partition in one request; past 10 reads of up to 100
 * entries the page comes back short, possibly empty, with a cursor to read on (SPEC §4 lists).
 */
export const MAX_CATALOGUE_QUERIES = 10;

export interface CatalogueStore {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  readonly cursors: CursorCodec;
}

/**
 * `GET /credentials`: one partition read, filtered. Facet partitions hold projections, so their page
 * is completed by one batched read of the heads (published with the entries in one transaction; a
 * credential retired in between is left out).
 */
export const cataloguePage = async (
  store: CatalogueStore,
  filter: CatalogueFilter,
  page: PageRequest,
): Promise<Page<Credential>> => {
  const partition = partitionFor(filter);
  const query = {
    doc: store.doc,
    codec: store.cursors,
    context: `catalogue:${partition}`,
    input: {
      TableName: store.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
    },
    maxQueries: MAX_CATALOGUE_QUERIES,
  };
  if (holdsWholeCredentials(partition))
    return queryPage({ ...query, map: parseWhole, keep: matchesFilter(filter) }, page);
  const entries = await queryPage({ ...query, map: parseEntry, keep: matchesFacets(filter) }, page);
  const heads = new Map(
    (
      await getAll(
        store.doc,
        store.table,
        entries.items.map((e) => keys.credentialHead(e.id)),
      )
    ).map((item) => {
      const credential = parseWhole(item);
      return [credential.id, credential];
    }),
  );
  const items = entries.items.flatMap((e) => {
    const head = heads.get(e.id);
    return head?.status === 'published' ? [head] : [];
  });
  return { items, ...(entries.cursor ? { cursor: entries.cursor } : {}) };
};
