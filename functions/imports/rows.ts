import * as z from 'zod/mini';
import { readImportRows } from '../../shared/app/imports/read-import.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';
import { ImportJobId } from './get.js';

const RowsQuery = z.extend(PageQuery, {
  outcome: z.optional(z.enum(['created', 'updated', 'unchanged', 'rejected'])),
});

/** GET /imports/{id}/rows?outcome=rejected: the per-row report, in row order. */
export const handler = route(
  { query: RowsQuery, allow: ['institution', 'coordinator'] },
  async ({ query, params, caller, deps }) => {
    const { limit, cursor, outcome } = query;
    return {
      status: 200,
      body: await readImportRows(deps, caller, parseParam(ImportJobId, params.id, 'id'), outcome ? { outcome } : {}, {
        limit,
        ...(cursor ? { cursor } : {}),
      }),
    };
  },
);
