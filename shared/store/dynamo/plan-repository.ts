import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PlanRepository } from '../../ports/plan-repository.js';
import { SavedPlan } from '../../schemas/plan.js';
import { isConditionFailure } from './errors.js';
import { keys } from './keys.js';
import { TTL_ATTRIBUTE } from './table.js';

/*
 * One item per saved plan (docs/data-model.md): `data` is the plan, `keyHash` the SHA-256 of its
 * delete key, `expiresAt` (epoch seconds) the TTL attribute DynamoDB deletes it by.
 */
export class DynamoPlanRepository implements PlanRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(plan: SavedPlan, deleteKeyHash: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.plan(plan.id),
          data: plan,
          keyHash: deleteKeyHash,
          [TTL_ATTRIBUTE]: Math.floor(Date.parse(plan.expiresAt) / 1000),
        },
        // 128 random bits do not repeat; the condition keeps a bug from overwriting someone's plan.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<SavedPlan | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.plan(id) }));
    return Item ? SavedPlan.parse(Item.data) : undefined;
  }

  async delete(id: string, deleteKeyHash: string): Promise<'deleted' | 'wrong-key' | 'not-found'> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.plan(id),
          ConditionExpression: 'attribute_exists(pk) AND keyHash = :hash',
          ExpressionAttributeValues: { ':hash': deleteKeyHash },
        }),
      );
      return 'deleted';
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      // The condition fails on a missing item too: a read tells the two apart.
      return (await this.get(id)) ? 'wrong-key' : 'not-found';
    }
  }
}
