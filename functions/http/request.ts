import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors.js';

import { MAX_BODY_BYTES } from './limits.js';

export const header = (event: APIGatewayProxyEventV2, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
};

/** The JSON body, or undefined when there is none; 413/415/400 for oversized, non-JSON or malformed bodies. */
export const readJsonBody = (event: APIGatewayProxyEventV2): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new HttpError(413, 'VALIDATION_FAILED', `the body is larger than ${MAX_BODY_BYTES / 1024} KB`, [
      { path: '(body)', message: `at most ${MAX_BODY_BYTES} bytes` },
    ]);
  }
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new HttpError(415, 'VALIDATION_FAILED', 'the body must be JSON, sent with content-type application/json', [
      { path: '(header) content-type', message: `expected application/json, got "${contentType || 'none'}"` },
    ]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HttpError(400, 'VALIDATION_FAILED', `the body is not valid JSON: ${(err as Error).message}`, [
      { path: '(body)', message: 'malformed JSON' },
    ]);
  }
};
