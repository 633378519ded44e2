import { exportProgramme } from '../../shared/app/interop/exports.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { baseUrl } from '../http/base-url.js';
import { ExportQuery } from '../../shared/schemas/export.js';
import { exportResult } from '../http/export-response.js';
import { parseParam } from '../http/params.js';
import { route } from '../http/route.js';

export const handler = route({ query: ExportQuery }, async ({ deps, params, query, event }) => {
  const id = parseParam(ProgrammeId, params.id, 'id');
  return exportResult(query.format, query.context, await exportProgramme(deps, id, query.format, baseUrl(event)));
});
