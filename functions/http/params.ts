import * as z from 'zod/mini';
import { DomainError } from '../../shared/domain/errors.js';

/** The schema of each `{name}` in a route's path, e.g. `{ id: ProgrammeId }`. */
export type ParamSchemas = Readonly<Record<string, z.ZodMiniType>>;

/**
 * The declared path parameters, each parsed by its schema. A value that does not fit can name
 * nothing stored: 404 rather than 400.
 */
export const parseParams = (
  declared: readonly (readonly [string, z.ZodMiniType])[],
  values: Readonly<Record<string, string | undefined>> | undefined,
): Record<string, unknown> => {
  const params: Record<string, unknown> = {};
  for (const [name, schema] of declared) {
    const value = values?.[name];
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new DomainError('NOT_FOUND', `no resource matches ${name} "${value ?? ''}"`, [
        { path: `(path) ${name}`, message: parsed.error.issues[0]?.message ?? 'invalid' },
      ]);
    }
    params[name] = parsed.data;
  }
  return params;
};
