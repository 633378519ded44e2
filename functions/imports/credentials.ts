import { ImportQuery } from '../../shared/schemas/import-job.js';
import { importCredentialsCsv } from '../../shared/app/csv/import-credentials.js';
import { InstitutionId } from '../../shared/schemas/common.js';
import { route } from '../http/route.js';

export const handler = route(
  {
    text: { mediaType: 'text/csv' },
    query: ImportQuery,
    allow: ['institution', 'coordinator'],
    params: { id: InstitutionId },
  },
  async ({ text, query, params, caller, deps }) => ({
    status: 200,
    body: await importCredentialsCsv(deps, caller, params.id, text, {
      firstRow: query.firstRow,
    }),
  }),
);
