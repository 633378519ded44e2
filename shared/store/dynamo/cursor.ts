import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { invalid } from '../../domain/errors.js';

/*
 * Cursors are opaque to clients and tamper-checked: base64url(JSON) + "." + HMAC-SHA256 over the
 * payload and the query it belongs to. A forged or foreign cursor is a 400 naming `cursor`, never a
 * key handed to DynamoDB unchecked.
 */
/** The key to resume after: table keys, plus index keys for a query of an index. */
const Payload = z
  .record(z.string().check(z.regex(/^[a-z0-9]{1,10}$/)), z.string().check(z.minLength(1), z.maxLength(1100)))
  .check(z.refine((k) => Object.keys(k).length <= 4));
export type CursorKey = z.infer<typeof Payload>;

export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(key: CursorKey, context: string): string {
    const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
    return `${payload}.${this.sign(payload, context)}`;
  }

  decode(cursor: string, context: string): CursorKey {
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) throw invalid('cursor', 'cursor is malformed');
    const expected = Buffer.from(this.sign(payload, context));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw invalid('cursor', 'cursor is not valid for this query');
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch (err) {
      throw invalid('cursor', `cursor is malformed (${(err as Error).message})`);
    }
    const parsed = Payload.safeParse(json);
    if (!parsed.success) throw invalid('cursor', 'cursor is malformed');
    return parsed.data;
  }

  private sign(payload: string, context: string): string {
    return createHmac('sha256', this.secret).update(context).update('\n').update(payload).digest('base64url');
  }
}
