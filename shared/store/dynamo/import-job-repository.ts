import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type {
  ImportChunk,
  ImportJob,
  ImportJobRepository,
  NewImportJob,
  OutcomeCounts,
  RowOutcome,
  RowResult,
} from '../../ports/import-jobs.js';
import {
  ImportJobView,
  PendingRow as PendingRowSchema,
  RowResult as RowResultSchema,
} from '../../schemas/import-job.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { putAll } from './batch-put.js';
import type { CursorCodec } from './cursor.js';
import { isConditionFailure, isLostRace } from './errors.js';
import { keys, type Key } from './keys.js';
import { queryAll, queryPage } from './query-page.js';
import { TTL_ATTRIBUTE } from './table.js';
import { StoredCaller } from '../../schemas/caller.js';

/** An import part's rows, parsed as they are read back (they were validated when the part was written). */
const PendingRows = z.array(PendingRowSchema);

type Item = Record<string, unknown>;

/** Jobs, parts and reports expire a month after the upload (DynamoDB's TTL deletes them). */
const KEEP_SECONDS = 30 * 24 * 60 * 60;
/**
 * How long a delivery holds a part: longer than the worker's time limit (infra: 60 s), so a lease
 * outlives any delivery that did not give it back, and shorter than the queue's visibility timeout,
 * so a redelivered part finds it expired.
 */
export const CHUNK_LEASE_SECONDS = 90;
/** Parts finishing together all add to the job's head: a transaction that lost such a race is tried again. */
const COUNT_ATTEMPTS = 20;

const COUNTERS = [
  'rows',
  'processed',
  'created',
  'updated',
  'unchanged',
  'rejected',
  'chunks',
  'chunksCounted',
] as const;
/** The counters a counted part adds to. */
const COUNTED = ['processed', 'created', 'updated', 'unchanged', 'rejected', 'chunksCounted'] as const;

/*
 * The head keeps what never changes in `data` and what workers change as top-level attributes, so
 * that each part's counts are added atomically (ADD) without reading the head first.
 */
const Head = z.object({
  data: z.object({
    id: z.string(),
    institutionId: z.string(),
    headerProblems: ImportJobView.shape.headerProblems,
    createdAt: z.string(),
    caller: StoredCaller,
  }),
  status: ImportJobView.shape.status,
  updatedAt: z.string(),
  startedAt: z.optional(z.string()),
  finishedAt: z.optional(z.string()),
  failure: z.optional(z.string()),
  ...(Object.fromEntries(COUNTERS.map((c) => [c, z.number()])) as Record<(typeof COUNTERS)[number], z.ZodMiniNumber>),
});

const jobOf = (item: Item): ImportJob => {
  const head = Head.parse(item);
  return {
    ...head.data,
    status: head.status,
    rows: head.rows,
    processed: head.processed,
    created: head.created,
    updated: head.updated,
    unchanged: head.unchanged,
    rejected: head.rejected,
    updatedAt: head.updatedAt,
    ...(head.startedAt ? { startedAt: head.startedAt } : {}),
    ...(head.finishedAt ? { finishedAt: head.finishedAt } : {}),
    ...(head.failure ? { failure: head.failure } : {}),
  };
};

const resultOf = (item: Item): RowResult => RowResultSchema.parse(item.result);

export class DynamoImportJobRepository implements ImportJobRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cursors: CursorCodec,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  private resultItem(jobId: string, result: RowResult, expiresAt: number): Item {
    return { ...keys.importRow(jobId, result.row), result, [TTL_ATTRIBUTE]: expiresAt };
  }

  /*
   * Parts and early results first, the head last and only if absent: a client sees a job only once
   * all of it is stored. An upload that fails half-way leaves parts no head points to, which the
   * TTL removes.
   */
  async create({ job, chunks, rejected }: NewImportJob): Promise<void> {
    const expiresAt = this.nowSeconds() + KEEP_SECONDS;
    await putAll(this.doc, this.table, [
      ...chunks.map((rows, i) => ({ ...keys.importChunk(job.id, i + 1), rows, [TTL_ATTRIBUTE]: expiresAt })),
      ...rejected.map((r) => this.resultItem(job.id, r, expiresAt)),
    ]);
    const { caller, id, institutionId, headerProblems, createdAt, status, updatedAt, startedAt, finishedAt } = job;
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.importHead(id),
          data: { id, institutionId, headerProblems, createdAt, caller },
          status,
          updatedAt,
          ...(startedAt ? { startedAt } : {}),
          ...(finishedAt ? { finishedAt } : {}),
          rows: job.rows,
          processed: job.processed,
          created: job.created,
          updated: job.updated,
          unchanged: job.unchanged,
          rejected: job.rejected,
          chunks: chunks.length,
          chunksCounted: 0,
          [TTL_ATTRIBUTE]: expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<ImportJob | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.importHead(id), ConsistentRead: true }),
    );
    return Item ? jobOf(Item) : undefined;
  }

  async chunk(jobId: string, chunk: number): Promise<ImportChunk | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.importChunk(jobId, chunk), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { rows: PendingRows.parse(Item.rows), counted: Item.counted === true };
  }

  /**
   * An update whose condition failed is no error here: each of these is a one-way step (or a lease)
   * that another delivery may have taken already. True when this update applied.
   */
  private async updateIf(
    key: Key,
    update: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand({ TableName: this.table, Key: key, ...update }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  claimChunk(jobId: string, chunk: number, holder: string): Promise<boolean> {
    const now = this.nowSeconds();
    return this.updateIf(keys.importChunk(jobId, chunk), {
      UpdateExpression: 'SET leaseHolder = :holder, leaseUntil = :until',
      ConditionExpression:
        'attribute_exists(pk) AND attribute_not_exists(counted) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseHolder = :holder)',
      ExpressionAttributeValues: { ':holder': holder, ':until': now + CHUNK_LEASE_SECONDS, ':now': now },
    });
  }

  async releaseChunk(jobId: string, chunk: number, holder: string): Promise<void> {
    await this.updateIf(keys.importChunk(jobId, chunk), {
      UpdateExpression: 'REMOVE leaseHolder, leaseUntil',
      ConditionExpression: 'leaseHolder = :holder',
      ExpressionAttributeValues: { ':holder': holder },
    });
  }

  async markRunning(jobId: string, at: string): Promise<void> {
    await this.updateIf(keys.importHead(jobId), {
      UpdateExpression: 'SET #status = :running, startedAt = :at, updatedAt = :at',
      ConditionExpression: '#status = :queued',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':at': at },
    });
  }

  async resultsBetween(jobId: string, first: number, last: number): Promise<RowResult[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: {
        ':pk': keys.importPartition(jobId),
        ':first': keys.importRow(jobId, first).sk,
        ':last': keys.importRow(jobId, last).sk,
      },
      ConsistentRead: true,
    });
    return items.map(resultOf);
  }

  async saveResults(jobId: string, results: readonly RowResult[]): Promise<void> {
    const expiresAt = this.nowSeconds() + KEEP_SECONDS;
    await putAll(
      this.doc,
      this.table,
      results.map((r) => this.resultItem(jobId, r, expiresAt)),
    );
  }

  async countChunk(jobId: string, chunk: number, counts: OutcomeCounts, at: string): Promise<void> {
    const processed = counts.created + counts.updated + counts.unchanged + counts.rejected;
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: this.table,
            Key: keys.importChunk(jobId, chunk),
            UpdateExpression: 'SET counted = :true',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(counted)',
            ExpressionAttributeValues: { ':true': true },
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: keys.importHead(jobId),
            // Several counter names are DynamoDB reserved words: every one goes through a placeholder.
            UpdateExpression: `ADD ${COUNTED.map((c) => `#${c} :${c}`).join(', ')} SET updatedAt = :at`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: Object.fromEntries(COUNTED.map((c) => [`#${c}`, c])),
            ExpressionAttributeValues: {
              ':processed': processed,
              ':created': counts.created,
              ':updated': counts.updated,
              ':unchanged': counts.unchanged,
              ':rejected': counts.rejected,
              ':chunksCounted': 1,
              ':at': at,
            },
          },
        },
      ],
    });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(command);
        return;
      } catch (err) {
        if (isConditionFailure(err)) return; // counted by an earlier delivery of the same part (or the job expired)
        if (!isLostRace(err) || attempt >= COUNT_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  async completeIfAllCounted(jobId: string, at: string): Promise<void> {
    await this.updateIf(keys.importHead(jobId), {
      UpdateExpression: 'SET #status = :completed, finishedAt = :at, updatedAt = :at',
      ConditionExpression: '#counted = #chunks AND #status IN (:queued, :running)',
      ExpressionAttributeNames: { '#status': 'status', '#counted': 'chunksCounted', '#chunks': 'chunks' },
      ExpressionAttributeValues: { ':completed': 'completed', ':queued': 'queued', ':running': 'running', ':at': at },
    });
  }

  async markFailed(jobId: string, reason: string, at: string): Promise<void> {
    await this.updateIf(keys.importHead(jobId), {
      UpdateExpression: 'SET #status = :failed, failure = :reason, finishedAt = :at, updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND #status <> :completed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':failed': 'failed', ':completed': 'completed', ':reason': reason, ':at': at },
    });
  }

  results(jobId: string, filter: { readonly outcome?: RowOutcome }, page: PageRequest): Promise<Page<RowResult>> {
    const { outcome } = filter;
    return queryPage(
      {
        doc: this.doc,
        codec: this.cursors,
        context: `import-rows:${jobId}:${outcome ?? 'all'}`,
        input: {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rows)',
          ExpressionAttributeValues: { ':pk': keys.importPartition(jobId), ':rows': keys.importRowSkPrefix },
        },
        map: resultOf,
        ...(outcome ? { keep: (r: RowResult) => r.outcome === outcome } : {}),
      },
      page,
    );
  }
}
