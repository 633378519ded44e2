import * as z from 'zod';

/** SPEC §4: `limit` defaults to 20 and is at most 100; `cursor` is opaque. */
export const PageQuery = z.object({
  limit: z.coerce
    .number('limit must be a number')
    .int('limit must be a whole number')
    .min(1, 'limit must be between 1 and 100')
    .max(100, 'limit must be between 1 and 100')
    .default(20),
  cursor: z.string().min(1).max(4096, 'cursor is too long').optional(),
});
