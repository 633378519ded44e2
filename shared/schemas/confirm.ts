import * as z from 'zod/mini';

/** SPEC §4: body `{ version }`, the version the institution confirms its part of. */
export const ConfirmRequest = z.strictObject({
  version: z.int('version must be a whole number').check(z.positive('version must be at least 1')),
});
