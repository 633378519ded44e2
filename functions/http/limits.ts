/*
 * Request size limits, in a module of constants only: the route table (pure data) names them, the
 * handlers enforce them and the local server reads no more than them.
 */

/** SPEC §4 (bad input is a clear 4xx): bodies above 256 KB are refused before parsing (docs/reliability.md). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * A CSV upload for an import job (about 15,000 rows of docs/sample-credentials.csv). Lambda takes
 * at most 6 MB a request; 4 MB stays under it even if API Gateway hands the body over base64-encoded.
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
