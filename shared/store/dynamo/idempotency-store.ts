import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '../../ports/idempotency-store.js';
import { isConditionFailure } from './errors.js';
import { keys } from './keys.js';
import { TTL_ATTRIBUTE } from './table.js';

/** How long a completed answer is replayed (DynamoDB's TTL removes the record later). */
const KEEP_SECONDS = 24 * 60 * 60;
/** A claim whose request died (e.g. a Lambda timeout) may be taken over after this lease. */
const LEASE_SECONDS = 30;

const Response = z.object({
  status: z.int(),
  body: z.unknown(),
  headers: z.optional(z.record(z.string(), z.string())),
});

export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const now = this.nowSeconds();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...keys.idempotency(scope, key),
            fingerprint,
            state: 'pending',
            leaseUntil: now + LEASE_SECONDS,
            [TTL_ATTRIBUTE]: now + KEEP_SECONDS,
          },
          // TTL deletion lags, so an expired record or an abandoned claim counts as absent.
          ConditionExpression: 'attribute_not_exists(pk) OR #ttl < :now OR (#state = :pending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#state': 'state' },
          ExpressionAttributeValues: { ':now': now, ':pending': 'pending' },
        }),
      );
      return { kind: 'claimed' };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.idempotency(scope, key), ConsistentRead: true }),
    );
    if (!Item) return this.claim(scope, key, fingerprint);
    if (Item.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (Item.state !== 'done') return { kind: 'in-progress' };
    return { kind: 'replay', response: Response.parse(Item.response) };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.idempotency(scope, key),
        UpdateExpression: 'SET #state = :done, #response = :response',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':response': response },
      }),
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: keys.idempotency(scope, key) }));
  }
}
