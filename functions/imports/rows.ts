import { readImportRows } from '../../shared/app/imports/read-import.js';
import { ImportJobId, ImportRowsQuery } from '../../shared/schemas/import-job.js';
import { route } from '../http/route.js';

/** GET /imports/{id}/rows?outcome=rejected: the per-row report, in row order. */
export const handler = route(
  { query: ImportRowsQuery, allow: ['institution', 'coordinator'], params: { id: ImportJobId } },
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
