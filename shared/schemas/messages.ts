import { en } from 'zod/locales';
import * as z from 'zod/mini';

/*
 * zod/mini ships no messages of its own: without a locale every issue reads "Invalid input". The
 * English locale is what classic zod loads on import, so every message the error map below leaves
 * to zod (a refinement without a message, an unusual issue kind) reads as it always did. Imported
 * by name: `z.locales.en()` would bundle every locale zod ships (about 280 KiB).
 */
z.config(en());

/*
 * zod's default messages ("Invalid input: expected string, received undefined") do not name the
 * field. This error map does, for the issue kinds a client meets; messages set on a schema win.
 */
const fieldName = (path: readonly PropertyKey[] | undefined) =>
  path && path.length > 0 ? path.map(String).join('.') : 'the body';

z.config({
  customError: (issue) => {
    const field = fieldName(issue.path);
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? `${field} is required` : `${field} must be ${article(issue.expected)}`;
      case 'invalid_value':
        return `${field} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      case 'unrecognized_keys':
        return `${field === 'the body' ? 'the body' : field} has unknown field(s): ${issue.keys.join(', ')}`;
      case 'too_big':
        if (issue.origin === 'string') return `${field} must be at most ${String(issue.maximum)} characters`;
        return `${field} is too ${issue.origin === 'string' || issue.origin === 'array' ? 'long' : 'large'} (at most ${String(issue.maximum)})`;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return `${field} must not be empty`;
        return `${field} is too ${issue.origin === 'string' || issue.origin === 'array' ? 'short' : 'small'} (at least ${String(issue.minimum)})`;
      case 'invalid_union':
        return `${field} does not match any accepted form`;
      default:
        return undefined;
    }
  },
});

const article = (expected: string) => (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
