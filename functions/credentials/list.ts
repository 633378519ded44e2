import * as z from 'zod';
import { listCatalogue } from '../../shared/app/credentials/read-credentials.js';
import { EscoSkillUri, InstitutionId, IscedCode } from '../../shared/schemas/common.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { route } from '../http/route.js';

const CatalogueQuery = PageQuery.extend({
  institution: InstitutionId.optional(),
  eqfLevel: z.coerce
    .number('eqfLevel must be a number')
    .int('eqfLevel must be a whole number')
    .min(1)
    .max(8)
    .optional(),
  subjectArea: IscedCode.optional(),
  skill: EscoSkillUri.optional(),
  q: z.string().trim().min(1, 'q must not be empty').max(200, 'q must be at most 200 characters').optional(),
});

export const handler = route({ query: CatalogueQuery }, async ({ query, deps }) => {
  const { limit, cursor, ...filter } = query;
  return { status: 200, body: await listCatalogue(deps, filter, { limit, ...(cursor ? { cursor } : {}) }) };
});
