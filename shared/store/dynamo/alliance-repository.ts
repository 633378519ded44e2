import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conflict, StaleWriteError } from '../../domain/errors.js';
import type { AllianceRepository, StoredAlliance } from '../../ports/alliance-repository.js';
import { Alliance } from '../../schemas/alliance.js';
import { coalescedReads } from './coalesced-reads.js';
import { isConditionFailure } from './errors.js';
import { keys } from './keys.js';

export class DynamoAllianceRepository implements AllianceRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(alliance: Alliance): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.alliance(alliance.id), data: alliance, rev: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw conflict(`alliance ${alliance.id} already exists`);
      throw err;
    }
  }

  async get(id: string): Promise<StoredAlliance | undefined> {
    const item = await coalescedReads(this.doc, this.table).get(keys.alliance(id));
    return item ? { alliance: Alliance.parse(item.data), rev: Number(item.rev) } : undefined;
  }

  async update(alliance: Alliance, expectedRev: number): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.alliance(alliance.id), data: alliance, rev: expectedRev + 1 },
          ConditionExpression: 'rev = :expected',
          ExpressionAttributeValues: { ':expected': expectedRev },
        }),
      );
    } catch (err) {
      if (isConditionFailure(err))
        throw new StaleWriteError(`alliance ${alliance.id} was changed meanwhile`, { cause: err });
      throw err;
    }
  }
}
