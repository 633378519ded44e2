import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './errors.js';
import { MAX_BODY_BYTES } from './limits.js';
import { header } from './request.js';

/** A text body of the given media type (e.g. text/csv), under the JSON bodies' size limit unless the route sets its own. */
export const readTextBody = (event: APIGatewayProxyEventV2, mediaType: string, maxBytes = MAX_BODY_BYTES): string => {
  const contentType = (header(event, 'content-type') ?? '').trim().toLowerCase();
  if (!contentType.startsWith(mediaType)) {
    throw new HttpError(415, 'VALIDATION_FAILED', `the body must be sent with content-type ${mediaType}`, [
      { path: '(header) content-type', message: `expected ${mediaType}, got "${contentType || 'none'}"` },
    ]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new HttpError(
      413,
      'VALIDATION_FAILED',
      `the body is larger than ${maxBytes / 1024} KB; send the file in parts`,
      [{ path: '(body)', message: `at most ${maxBytes} bytes` }],
    );
  }
  if (text.trim() === '')
    throw new HttpError(400, 'VALIDATION_FAILED', 'the body is empty', [{ path: '(body)', message: 'required' }]);
  return text;
};
