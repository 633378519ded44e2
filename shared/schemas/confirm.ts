import * as z from 'zod';

/** SPEC §4: body `{ version }`, the version the institution confirms its part of. */
export const ConfirmRequest = z.strictObject({
  version: z.int('version must be a whole number').positive('version must be at least 1'),
});
