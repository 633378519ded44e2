import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conflict, StaleWriteError } from '../../domain/errors.js';
import type { CatalogueFilter, CredentialRepository, StoredCredential } from '../../ports/credential-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { Credential } from '../../schemas/credential.js';
import { entryData, facetPartitions } from './catalogue-facets.js';
import { cataloguePage } from './catalogue-query.js';
import type { CursorCodec } from './cursor.js';
import { coalescedReads } from './coalesced-reads.js';
import { isConditionFailure, isLostRace } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query-page.js';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const parse = (item: Record<string, unknown>): Credential => Credential.parse(item.data);

/** Sends of one catalogue transaction that lost only to a concurrent transaction (see send). */
const CONFLICT_ATTEMPTS = 8;

/** Cancelled because another transaction held one of its items, with no condition failing. */
const conflictedOnly = (err: unknown): boolean =>
  err instanceof TransactionCanceledException &&
  (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
  !(err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');

export class DynamoCredentialRepository implements CredentialRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cursors: CursorCodec,
  ) {}

  async create(credential: Credential): Promise<void> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.credentialHead(credential.id), data: credential, rev: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: this.table, Item: { ...keys.credentialVersion(credential.id, 1), data: credential } } },
      ...this.entryPuts(credential),
      this.revisionBump(credential.institutionId),
    ];
    try {
      await this.send(items);
    } catch (err) {
      if (isConditionFailure(err)) throw conflict(`credential ${credential.id} already exists`);
      throw err;
    }
  }

  async get(id: string): Promise<StoredCredential | undefined> {
    const item = await coalescedReads(this.doc, this.table).get(keys.credentialHead(id));
    return item ? { credential: parse(item), rev: Number(item.rev) } : undefined;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, StoredCredential>> {
    const items = await coalescedReads(this.doc, this.table).getMany([...new Set(ids)].map(keys.credentialHead));
    return new Map(
      [...items.values()].map((item) => {
        const credential = parse(item);
        return [credential.id, { credential, rev: Number(item.rev) }];
      }),
    );
  }

  async getVersion(id: string, version: number): Promise<Credential | undefined> {
    const [head, stored] = await Promise.all([
      this.get(id),
      this.doc.send(new GetCommand({ TableName: this.table, Key: keys.credentialVersion(id, version) })),
    ]);
    if (!head || !stored.Item) return undefined;
    // Versions are immutable; the lifecycle status (published/retired) is the credential's, kept on the head.
    return { ...parse(stored.Item), status: head.credential.status };
  }

  async publishVersion(previous: Credential, next: Credential, expectedRev: number): Promise<void> {
    const kept = new Set(facetPartitions(next));
    const items: TransactItem[] = [
      this.headPut(next, expectedRev),
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.credentialVersion(next.id, next.version), data: next },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.entryPuts(next),
      ...facetPartitions(previous)
        .filter((p) => !kept.has(p))
        .map((p): TransactItem => ({ Delete: { TableName: this.table, Key: keys.catalogueEntry(p, previous.id) } })),
      this.revisionBump(next.institutionId),
    ];
    await this.transact(items, `credential ${next.id} was changed meanwhile`);
  }

  async recordConfirmation(credential: Credential, expectedRev: number): Promise<void> {
    const items: TransactItem[] = [
      this.headPut(credential, expectedRev),
      {
        Put: {
          TableName: this.table,
          Item: { ...keys.credentialVersion(credential.id, credential.version), data: credential },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      ...this.entryPuts(credential),
      this.revisionBump(credential.institutionId),
    ];
    await this.transact(items, `credential ${credential.id} was changed meanwhile`);
  }

  async retire(credential: Credential, retiredAt: string, expectedRev: number): Promise<void> {
    const retired: Credential = { ...credential, status: 'retired', updatedAt: retiredAt };
    const items: TransactItem[] = [
      this.headPut(retired, expectedRev),
      ...facetPartitions(credential).map(
        (p): TransactItem => ({ Delete: { TableName: this.table, Key: keys.catalogueEntry(p, credential.id) } }),
      ),
      this.revisionBump(credential.institutionId),
    ];
    await this.transact(items, `credential ${credential.id} was changed meanwhile`);
  }

  catalogue(filter: CatalogueFilter, page: PageRequest): Promise<Page<Credential>> {
    return cataloguePage({ doc: this.doc, table: this.table, cursors: this.cursors }, filter, page);
  }

  async published(institutionIds?: readonly string[]): Promise<Credential[]> {
    const partitions = institutionIds ? institutionIds.map(keys.catalogueInstitution) : [keys.catalogueAll()];
    const lists = await Promise.all(partitions.map((p) => this.readPartition(p)));
    return lists.flat();
  }

  async catalogueRevisions(institutionIds: readonly string[]): Promise<Record<string, number>> {
    const revisions: Record<string, number> = Object.fromEntries(institutionIds.map((id) => [id, 0]));
    // Strongly consistent, as every gathered read is: a write acknowledged before this read must
    // show (docs/engine.md, snapshots).
    const items = await coalescedReads(this.doc, this.table).getMany(
      [...new Set(institutionIds)].map(keys.catalogueRevision),
    );
    for (const item of items.values()) revisions[String(item.institutionId)] = Number(item.rev);
    return revisions;
  }

  private async readPartition(partition: string): Promise<Credential[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
    });
    return items.map(parse);
  }

  private headPut(credential: Credential, expectedRev: number): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: { ...keys.credentialHead(credential.id), data: credential, rev: expectedRev + 1 },
        ConditionExpression: 'rev = :expected',
        ExpressionAttributeValues: { ':expected': expectedRev },
      },
    };
  }

  private entryPuts(credential: Credential): TransactItem[] {
    return facetPartitions(credential).map((p) => ({
      Put: {
        TableName: this.table,
        Item: { ...keys.catalogueEntry(p, credential.id), data: entryData(p, credential) },
      },
    }));
  }

  /**
   * The institution's catalogue revision, bumped in the same transaction as every change to its
   * catalogue, so that a cached engine snapshot can tell in one read whether it still holds.
   */
  private revisionBump(institutionId: string): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: keys.catalogueRevision(institutionId),
        UpdateExpression: 'ADD #rev :one SET institutionId = :institution',
        ExpressionAttributeNames: { '#rev': 'rev' },
        ExpressionAttributeValues: { ':one': 1, ':institution': institutionId },
      },
    };
  }

  /**
   * All writes of one institution share its revision item, so two writes of different credentials
   * can cancel each other on it alone (TransactionConflict, no condition failed): such a
   * transaction is sent again, its conditions still guarding the credential it writes.
   */
  private async send(items: TransactItem[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (err) {
        if (attempt >= CONFLICT_ATTEMPTS || !conflictedOnly(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  private async transact(items: TransactItem[], staleMessage: string): Promise<void> {
    try {
      await this.send(items);
    } catch (err) {
      if (isLostRace(err)) throw new StaleWriteError(staleMessage, { cause: err });
      throw err;
    }
  }
}
