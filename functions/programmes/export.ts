import { exportProgramme } from '../../shared/app/interop/exports.js';
import { ProgrammeId } from '../../shared/schemas/common.js';
import { baseUrl } from '../http/base-url.js';
import { ExportQuery } from '../../shared/schemas/export.js';
import { exportResult } from '../http/export-response.js';
import { route } from '../http/route.js';

export const handler = route(
  { query: ExportQuery, params: { id: ProgrammeId } },
  async ({ deps, params, query, event }) => {
    const document = await exportProgramme(deps, params.id, query.format, baseUrl(event));
    return exportResult(query.format, query.context, document);
  },
);
