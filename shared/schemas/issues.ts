import type { z } from 'zod';
import type { FieldIssue } from '../domain/errors.js';

/** zod issues as `details[]` whose path names the field (STYLE §3). */
export const toFieldIssues = (error: z.ZodError, prefix = ''): FieldIssue[] =>
  error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }));
