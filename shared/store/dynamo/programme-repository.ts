import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { StaleWriteError } from '../../domain/errors.js';
import type { Page, PageRequest } from '../../ports/page.js';
import {
  EVENTS_SHOWN,
  VERSIONS_SHOWN,
  type ProgrammeChange,
  type ProgrammeRecord,
  type ProgrammeRepository,
  type StoredProgramme,
} from '../../ports/programme-repository.js';
import { Programme, ProgrammeEvent, ProgrammeVersion } from '../../schemas/programme.js';
import type { CursorCodec } from './cursor.js';
import { coalescedReads } from './coalesced-reads.js';
import { isLostRace } from './errors.js';
import { keys } from './keys.js';
import { queryPage } from './query-page.js';
import { GSI1 } from './table.js';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
type Item = Record<string, unknown>;

const headOf = (item: Item): StoredProgramme => ({
  programme: Programme.parse(item.data),
  rev: Number(item.rev),
  eventCount: Number(item.eventCount),
});

export class DynamoProgrammeRepository implements ProgrammeRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cursors: CursorCodec,
  ) {}

  /*
   * Head, version and events go in one transaction, the head conditioned on the revision the
   * decision was made on: two approvals decided on the same head cannot both land, and an
   * amendment clears approvals in the same step that appends its version.
   */
  async commit(change: ProgrammeChange): Promise<void> {
    const { programme, expectedRev } = change;
    const rev = (expectedRev ?? 0) + 1;
    const eventCount = change.events.at(-1)?.seq ?? 0;
    const head: TransactItem = {
      Put: {
        TableName: this.table,
        Item: {
          ...keys.programmeHead(programme.id),
          ...{ [GSI1.partition]: keys.programmesOfAlliance(programme.allianceId).gsi1pk, [GSI1.sort]: programme.id },
          data: programme,
          rev,
          eventCount,
        },
        ...(expectedRev === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'rev = :expected', ExpressionAttributeValues: { ':expected': expectedRev } }),
      },
    };
    const version: TransactItem[] = change.newVersion
      ? [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.programmeVersion(programme.id, change.newVersion.version), data: change.newVersion },
              // Versions never change once written.
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]
      : [];
    const events: TransactItem[] = change.events.map((e) => ({
      Put: {
        TableName: this.table,
        Item: { ...keys.programmeEvent(programme.id, e.seq), data: e },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
    const alliance: TransactItem[] = change.allianceAtRev
      ? [
          {
            ConditionCheck: {
              TableName: this.table,
              Key: keys.alliance(change.allianceAtRev.allianceId),
              ConditionExpression: 'rev = :allianceRev',
              ExpressionAttributeValues: { ':allianceRev': change.allianceAtRev.rev },
            },
          },
        ]
      : [];
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: [head, ...version, ...events, ...alliance] }));
    } catch (err) {
      if (isLostRace(err)) throw new StaleWriteError(`programme ${programme.id} was changed meanwhile`, { cause: err });
      throw err;
    }
  }

  async get(id: string): Promise<StoredProgramme | undefined> {
    // Strongly consistent: the engine answers from the version the head names right now (SPEC §5.7).
    const item = await coalescedReads(this.doc, this.table).get(keys.programmeHead(id));
    return item ? headOf(item) : undefined;
  }

  /*
   * The head, then the newest versions and events, each range read backwards with a limit: a
   * programme's partition grows with every amendment and comment, its reads do not. The agreed
   * version is read on its own when it is older than those shown. Ranges are cut at what the head
   * names, so a change landing between the reads does not show half.
   */
  async load(id: string): Promise<ProgrammeRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.programmeHead(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const head = headOf(Item);
    const [versionItems, eventItems] = await Promise.all([
      this.newest(id, keys.versionSkPrefix, VERSIONS_SHOWN),
      this.newest(id, keys.eventSkPrefix, EVENTS_SHOWN),
    ]);
    const versions = versionItems
      .map((i) => ProgrammeVersion.parse(i.data))
      .filter((v) => v.version <= head.programme.currentVersion);
    const agreed = head.programme.agreedVersion;
    if (agreed !== undefined && !versions.some((v) => v.version === agreed)) {
      const found = await this.getVersion(id, agreed);
      if (found) versions.push(found);
    }
    return {
      ...head,
      versions: versions.sort((a, b) => a.version - b.version),
      events: eventItems
        .map((i) => ProgrammeEvent.parse(i.data))
        .filter((e) => e.seq <= head.eventCount)
        .reverse(),
    };
  }

  private async newest(id: string, prefix: string, limit: number): Promise<Item[]> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.programmePartition(id), ':prefix': prefix },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return out.Items ?? [];
  }

  history(id: string, page: PageRequest): Promise<Page<ProgrammeEvent>> {
    return queryPage(
      {
        doc: this.doc,
        codec: this.cursors,
        context: `history:${id}`,
        input: {
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.programmePartition(id), ':prefix': keys.eventSkPrefix },
          ScanIndexForward: false,
        },
        map: (item) => ProgrammeEvent.parse(item.data),
      },
      page,
    );
  }

  async getVersion(id: string, version: number): Promise<ProgrammeVersion | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.programmeVersion(id, version) }),
    );
    return Item ? ProgrammeVersion.parse(Item.data) : undefined;
  }

  listByAlliance(allianceId: string, page: PageRequest): Promise<Page<Programme>> {
    return queryPage(
      {
        doc: this.doc,
        codec: this.cursors,
        context: `programmes:${allianceId}`,
        input: {
          TableName: this.table,
          IndexName: GSI1.name,
          KeyConditionExpression: '#gpk = :gpk',
          ExpressionAttributeNames: { '#gpk': GSI1.partition },
          ExpressionAttributeValues: { ':gpk': keys.programmesOfAlliance(allianceId).gsi1pk },
        },
        map: (item) => Programme.parse(item.data),
        keyAttributes: ['pk', 'sk', GSI1.partition, GSI1.sort],
      },
      page,
    );
  }
}
