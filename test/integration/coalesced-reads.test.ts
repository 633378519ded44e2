import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { CoalescedReads } from '../../shared/store/dynamo/coalesced-reads.js';
import { ensureTable } from '../../shared/store/dynamo/ensure-table.js';

/*
 * The gathering of single-item reads into BatchGetItem (shared/store/dynamo/coalesced-reads.ts),
 * against DynamoDB Local; every command the client sends is recorded by a middleware.
 */
const table = `t-${randomUUID()}`;
let sent: { name: string; keys: number; consistent: boolean | undefined }[] = [];
let doc: DynamoDBDocumentClient;

const key = (n: number) => ({ pk: `K#${n}`, sk: 'HEAD' });

beforeAll(async () => {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, table);
  doc = DynamoDBDocumentClient.from(client);
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { RequestItems?: Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }> };
      const request = input.RequestItems?.[table];
      sent.push({
        name: String(context.commandName),
        keys: request?.Keys?.length ?? 0,
        consistent: request?.ConsistentRead,
      });
      return next(args);
    },
    { step: 'initialize' },
  );
  for (let from = 0; from < 150; from += 25) {
    const puts = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { ...key(from + i), n: from + i } } }));
    await doc.send(new BatchWriteCommand({ RequestItems: { [table]: puts } }));
  }
  sent = [];
});

describe('coalesced reads', () => {
  it('sends the reads asked for in one turn as one strongly consistent BatchGetItem', async () => {
    const reads = new CoalescedReads(doc, table);
    const [a, b, missing, many] = await Promise.all([
      reads.get(key(1)),
      reads.get(key(2)),
      reads.get(key(999)),
      reads.getMany([key(3), key(4), key(1)]),
    ]);
    expect(a?.n).toBe(1);
    expect(b?.n).toBe(2);
    expect(missing).toBeUndefined();
    expect([...many.values()].map((item) => item.n).sort()).toEqual([1, 3, 4]);
    // Key 1 was asked for twice: read once.
    expect(sent).toEqual([{ name: 'BatchGetItemCommand', keys: 5, consistent: true }]);
  });

  it('gathers a read begun after an await of a settled promise into the same request', async () => {
    sent = [];
    const reads = new CoalescedReads(doc, table);
    const early = reads.get(key(5));
    const later = (async () => {
      await Promise.resolve();
      await Promise.resolve();
      return reads.get(key(6));
    })();
    const [first, second] = await Promise.all([early, later]);
    expect([first?.n, second?.n]).toEqual([5, 6]);
    expect(sent).toHaveLength(1);
  });

  it('splits more than 100 keys into requests of at most 100', async () => {
    sent = [];
    const reads = new CoalescedReads(doc, table);
    const found = await reads.getMany(Array.from({ length: 130 }, (_, n) => key(n)));
    expect(found.size).toBe(130);
    expect(sent.map((s) => s.keys).sort((x, y) => x - y)).toEqual([30, 100]);
  });

  it('reads a write acknowledged just before, in the next turn', async () => {
    const reads = new CoalescedReads(doc, table);
    await doc.send(new PutCommand({ TableName: table, Item: { ...key(7), n: 700 } }));
    expect((await reads.get(key(7)))?.n).toBe(700);
  });

  it('fails every read of a batch the store refuses', async () => {
    const reads = new CoalescedReads(doc, `missing-${randomUUID()}`);
    const results = await Promise.allSettled([reads.get(key(1)), reads.getMany([key(2)])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
