import * as z from 'zod/mini';
import { DomainError } from '../../shared/domain/errors.js';

/** A path parameter that does not fit its schema can name nothing stored: 404 rather than 400. */
export const parseParam = <T>(schema: z.ZodMiniType<T>, value: string | undefined, name: string): T => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DomainError('NOT_FOUND', `no resource matches ${name} "${value ?? ''}"`, [
    { path: `(path) ${name}`, message: parsed.error.issues[0]?.message ?? 'invalid' },
  ]);
};

/** `{n}` in `/…/versions/{n}`. */
export const VersionNumber = z.coerce
  .number()
  .check(z.int('n must be a whole number'), z.positive('n must be at least 1'));
