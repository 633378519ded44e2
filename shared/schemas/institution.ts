import * as z from 'zod/mini';
import { CountryCode, InstitutionId, Text } from './common.js';

export const Institution = z.object({
  id: InstitutionId,
  name: Text(200),
  country: CountryCode,
  kind: z.enum(['hei', 'provider']),
  erasmusCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
  deqarId: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(40))),
});
export type Institution = z.infer<typeof Institution>;

/**
 * What `POST /institutions` takes: strict (SPEC §4), where the stored form is read leniently. An id
 * may not contain `--`, which separates institution and key in the ids of CSV rows
 * (shared/app/csv/columns.ts); checked on create only, so no stored institution becomes unreadable.
 */
export const InstitutionDraft = z.strictObject(Institution.shape).check(
  z.refine((i) => !i.id.includes('--'), {
    path: ['id'],
    message: 'id must not contain "--"',
  }),
);
