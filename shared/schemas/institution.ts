import * as z from 'zod';
import { CountryCode, InstitutionId, Text } from './common.js';

export const Institution = z.object({
  id: InstitutionId,
  name: Text(200),
  country: CountryCode,
  kind: z.enum(['hei', 'provider']),
  erasmusCode: z.string().trim().min(1).max(20).optional(),
  deqarId: z.string().trim().min(1).max(40).optional(),
});
export type Institution = z.infer<typeof Institution>;

/**
 * What `POST /institutions` takes: strict (SPEC §4), where the stored form is read leniently. An id
 * may not contain `--`, which separates institution and key in the ids of CSV rows
 * (shared/app/csv/columns.ts); checked on create only, so no stored institution becomes unreadable.
 */
export const InstitutionDraft = Institution.strict().refine((i) => !i.id.includes('--'), {
  path: ['id'],
  message: 'id must not contain "--"',
});
