import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../../domain/errors.js';
import type { InstitutionRepository } from '../../ports/institution-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { Institution } from '../../schemas/institution.js';
import { getAll } from './batch-get.js';
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
    const items = await getAll(
      this.doc,
      this.table,
      [...new Set(ids)].map((id) => keys.institution(id)),
    );
    return new Map(items.map(strip).map((institution) => [institution.id, institution]));
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
