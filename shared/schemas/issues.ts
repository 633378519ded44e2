import type { z } from 'zod/mini';
import type { FieldIssue } from '../domain/errors.js';
// The messages in `details[]` are English and name the field wherever issues are turned into them.
import './messages.js';

const joined = (parts: readonly string[]) => parts.filter(Boolean).join('.') || '(body)';

/**
 * zod issues as `details[]` whose path names the field (STYLE §3). Unknown fields of a strict
 * object (SPEC §4) get one entry each, whose path is the unknown field itself.
 */
export const toFieldIssues = (error: z.core.$ZodError, prefix = ''): FieldIssue[] =>
  error.issues.flatMap((i) => {
    const path = [prefix, ...i.path.map(String)];
    if (i.code === 'unrecognized_keys')
      return i.keys.map((key) => ({ path: joined([...path, key]), message: `unknown field ${key}` }));
    return [{ path: joined(path), message: i.message }];
  });
