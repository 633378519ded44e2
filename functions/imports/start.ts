import { ImportQuery } from '../../shared/schemas/import-job.js';
import { startImport } from '../../shared/app/imports/start-import.js';
import { toJobView } from '../../shared/app/imports/read-import.js';
import { InstitutionId } from '../../shared/schemas/common.js';
import { MAX_UPLOAD_BYTES } from '../http/limits.js';
import { route } from '../http/route.js';
import { importDepsFromEnvironment } from './queue.js';

/** POST /institutions/{id}/imports: a CSV of up to 4 MB (about 15,000 rows) becomes a job; 202 with its address. */
export const handler = route(
  {
    text: { mediaType: 'text/csv', maxBytes: MAX_UPLOAD_BYTES },
    query: ImportQuery,
    allow: ['institution', 'coordinator'],
    params: { id: InstitutionId },
    lambdaDeps: importDepsFromEnvironment,
  },
  async ({ text, query, params, caller, deps }) => {
    const job = await startImport(deps, caller, params.id, text, {
      firstRow: query.firstRow,
    });
    return { status: 202, body: toJobView(job), headers: { location: `/imports/${encodeURIComponent(job.id)}` } };
  },
);
