import * as z from 'zod/mini';
import { readImport } from '../../shared/app/imports/read-import.js';
import { route } from '../http/route.js';

export const ImportJobId = z.string().check(z.regex(/^[a-z0-9-]{1,120}$/, 'not an import id'));

/** GET /imports/{id}: status and counts; poll it for progress (processed of rows). */
export const handler = route(
  { allow: ['institution', 'coordinator'], params: { id: ImportJobId } },
  async ({ params, caller, deps }) => ({
    status: 200,
    body: await readImport(deps, caller, params.id),
  }),
);
