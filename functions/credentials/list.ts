import * as z from 'zod/mini';
import { listCatalogue } from '../../shared/app/credentials/read-credentials.js';
import { EscoSkillUri, InstitutionId, IscedCode } from '../../shared/schemas/common.js';
import { PageQuery } from '../../shared/schemas/paging.js';
import { route } from '../http/route.js';

const CatalogueQuery = z.extend(PageQuery, {
  institution: z.optional(InstitutionId),
  eqfLevel: z.optional(
    z.coerce.number('eqfLevel must be a number').check(z.int('eqfLevel must be a whole number'), z.gte(1), z.lte(8)),
  ),
  subjectArea: z.optional(IscedCode),
  skill: z.optional(EscoSkillUri),
  q: z.optional(
    z
      .string()
      .check(z.trim(), z.minLength(1, 'q must not be empty'), z.maxLength(200, 'q must be at most 200 characters')),
  ),
});

export const handler = route({ query: CatalogueQuery }, async ({ query, deps }) => {
  const { limit, cursor, ...filter } = query;
  return { status: 200, body: await listCatalogue(deps, filter, { limit, ...(cursor ? { cursor } : {}) }) };
});
