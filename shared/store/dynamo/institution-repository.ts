import { BatchGetCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../../domain/errors.js';
import type { InstitutionRepository } from '../../ports/institution-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { Institution } from '../../schemas/institution.js';
import type { CursorCodec } from './cursor.js';
import { isConditionFailure } from './errors.js';
import { keys } from './keys.js';
import { queryPage } from './query-page.js';

const strip = (item: Record<string, unknown>): Institution => Institution.parse(item.data);

export class DynamoInstitutionRepository implements InstitutionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cursors: CursorCodec,
  ) {}

  async create(institution: Institution): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.institution(institution.id), data: institution },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (isConditionFailure(err)) throw conflict(`institution ${institution.id} already exists`);
      throw err;
    }
  }

  async get(id: string): Promise<Institution | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: keys.institution(id) }));
    return Item ? strip(Item) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, Institution>> {
    const found = new Map<string, Institution>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.table]: { Keys: unique.slice(i, i + 100).map((id) => keys.institution(id)) },
      };
      // BatchGet may return some keys unprocessed under load; ask again for just those.
      while (request && Object.keys(request).length > 0) {
        const out = await this.doc.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of out.Responses?.[this.table] ?? []) {
          const institution = strip(item);
          found.set(institution.id, institution);
        }
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  list(page: PageRequest): Promise<Page<Institution>> {
    return queryPage(
      {
        doc: this.doc,
        codec: this.cursors,
        context: 'institutions',
        input: {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.institutionsPartition },
        },
        map: strip,
      },
      page,
    );
  }
}
