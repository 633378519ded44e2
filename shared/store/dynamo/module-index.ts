import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ModuleIndex, ModuleListing, ProgrammeListing } from '../../ports/module-index.js';
import { putAll } from './batch-put.js';
import { isConditionFailure } from './errors.js';
import { keys } from './keys.js';
import { queryAll } from './query-page.js';

const Listing = z.object({ programmeId: z.string(), version: z.int().check(z.positive()) });
const Programme = z.object({ programmeId: z.string(), allianceId: z.string() });

/**
 * The module index in the one table: `MODULE#<credentialId>` / `<programmeId>` per listed module
 * (`version` the programme version that last listed it), `PROGRAMMES` / `<programmeId>` per
 * programme. Puts are batched and unconditional (idempotent; the version they carry is checked at
 * read); a removal is conditioned on no later version having listed the module again.
 */
export class DynamoModuleIndex implements ModuleIndex {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async list(programmeId: string, version: number, credentialIds: readonly string[]): Promise<void> {
    await putAll(
      this.doc,
      this.table,
      credentialIds.map((id) => ({ ...keys.moduleListing(id, programmeId), programmeId, version })),
    );
  }

  async unlist(programmeId: string, version: number, credentialIds: readonly string[]): Promise<void> {
    await Promise.all(
      credentialIds.map(async (id) => {
        try {
          await this.doc.send(
            new DeleteCommand({
              TableName: this.table,
              Key: keys.moduleListing(id, programmeId),
              ConditionExpression: '#version < :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': version },
            }),
          );
        } catch (err) {
          // Listed again by a later version, or already gone: the entry stays as it is.
          if (!isConditionFailure(err)) throw err;
        }
      }),
    );
  }

  async record(listing: ProgrammeListing): Promise<void> {
    await putAll(this.doc, this.table, [{ ...keys.programmeListing(listing.programmeId), ...listing }]);
  }

  async programmesListing(credentialId: string): Promise<ModuleListing[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.modulePartition(credentialId) },
    });
    return items.map((item) => Listing.parse(item));
  }

  async allProgrammes(): Promise<ProgrammeListing[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.programmesPartition },
    });
    return items.map((item) => Programme.parse(item));
  }
}
