import type { WrittenCredential } from '../../shared/app/credentials/write-credential.js';
import type { Credential } from '../../shared/schemas/credential.js';
import { HttpError } from './errors.js';

/** A credential's version is its entity tag: `PUT` sends it back as `If-Match`. */
export const etag = (c: Credential) => `"${c.version}"`;

/** The stored credential, with `warnings` only when the registry decided something worth saying. */
export const withWarnings = ({ credential, warnings }: WrittenCredential) =>
  warnings.length > 0 ? { ...credential, warnings } : credential;

/** `If-Match: 3`, `"3"` or `W/"3"`; missing or malformed is a 412 (SPEC §4: the version is the precondition). */
export const parseIfMatch = (value: string | undefined): number => {
  const match = value?.trim().match(/^(?:W\/)?"?([1-9][0-9]{0,8})"?$/);
  if (!match?.[1]) {
    throw new HttpError(
      412,
      'PRECONDITION_FAILED',
      value === undefined
        ? 'If-Match with the current version is required'
        : `If-Match "${value}" is not a version number`,
      [{ path: '(header) if-match', message: 'the credential version this update is based on, e.g. "3"' }],
    );
  }
  return Number(match[1]);
};
