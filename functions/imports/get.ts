import { readImport } from '../../shared/app/imports/read-import.js';
import { ImportJobId } from '../../shared/schemas/import-job.js';
import { route } from '../http/route.js';

/** GET /imports/{id}: status and counts; poll it for progress (processed of rows). */
export const handler = route(
  { allow: ['institution', 'coordinator'], params: { id: ImportJobId } },
  async ({ params, caller, deps }) => ({
    status: 200,
    body: await readImport(deps, caller, params.id),
  }),
);
