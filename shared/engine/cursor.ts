/** A pathways cursor names the last composition of the page; it is opaque to clients. */
export class CursorError extends Error {
  constructor(message = 'cursor is malformed', options?: ErrorOptions) {
    super(message, options);
    this.name = 'CursorError';
  }
}

/**
 * Version 2 names the composition by its items' order keys (enumerate.ts, orderKey). Version 1
 * named them by credential key under an order that is no longer used: it cannot resume.
 */
const VERSION = 2;

export const encodeCursor = (after: readonly string[]): string =>
  Buffer.from(JSON.stringify({ v: VERSION, after }), 'utf8').toString('base64url');

export const decodeCursor = (cursor: string): string[] => {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new CursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) throw new CursorError(`cursor is malformed: ${err.message}`, { cause: err });
    throw err;
  }
  if (typeof parsed !== 'object' || parsed === null) throw new CursorError();
  const { v, after } = parsed as { v?: unknown; after?: unknown };
  if (v === 1) throw new CursorError('cursor is from an earlier listing order: ask for the first page again');
  if (v !== VERSION || !Array.isArray(after) || after.length === 0 || !after.every((x) => typeof x === 'string'))
    throw new CursorError();
  return after.filter((x): x is string => typeof x === 'string');
};
