import { readJsonBody } from '../request.js';
import { readTextBody } from '../text-body.js';
import type { Step } from './step.js';

export interface TextBodyOptions {
  readonly mediaType: string;
  readonly maxBytes?: number;
}

/**
 * The body as sent: JSON by default, or text of the route's media type (e.g. `text/csv`). Too
 * large, the wrong content type or malformed JSON is a 413, 415 or 400 before anything else runs;
 * whether the route wants a body at all is `parse`'s question.
 */
export const readBody =
  (text: TextBodyOptions | undefined): Step =>
  (next) =>
  (exchange) => {
    if (text) exchange.text = readTextBody(exchange.event, text.mediaType, text.maxBytes);
    else exchange.rawBody = readJsonBody(exchange.event);
    return next(exchange);
  };
