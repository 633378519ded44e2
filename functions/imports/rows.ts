import * as z from 'zod/mini';
import { readImportRows } from '../../shared/app/imports/read-import.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { route } from '../http/route.js';
import { ImportJobId } from './get.js';

const RowsQuery = z.extend(PageQuery, {
  outcome: z.optional(z.enum(['created', 'updated', 'unchanged', 'rejected'])),
});

/** GET /imports/{id}/rows?outcome=rejected: the per-row report, in row order. */
export const handler = route(
  { query: RowsQuery, allow: ['institution', 'coordinator'], params: { id: ImportJobId } },
  async ({ query, params, caller, deps }) => {
    const { limit, cursor, outcome } = query;
    return {
      status: 200,
      body: await readImportRows(deps, caller, params.id, outcome ? { outcome } : {}, {
        limit,
        ...(cursor ? { cursor } : {}),
      }),
    };
  },
);
