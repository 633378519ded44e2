import * as z from 'zod/mini';

/** SPEC §4: `limit` defaults to 20 and is at most 100; `cursor` is opaque. */
export const PageQuery = z.object({
  limit: z._default(
    z.coerce
      .number('limit must be a number')
      .check(
        z.int('limit must be a whole number'),
        z.gte(1, 'limit must be between 1 and 100'),
        z.lte(100, 'limit must be between 1 and 100'),
      ),
    20,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096, 'cursor is too long'))),
});
