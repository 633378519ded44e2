import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getAll } from './batch-get.js';
import type { Key } from './keys.js';

type Item = Record<string, unknown>;

interface Waiting {
  readonly key: Key;
  readonly resolve: (item: Item | undefined) => void;
  readonly reject: (err: unknown) => void;
}

const idOf = (k: Key) => `${k.pk}\u0000${k.sk}`;

/*
 * Single-item reads asked for in one turn of the event loop, sent as one BatchGetItem.
 *
 * An engine request reads, all at once and through four repositories, the programme's head, its
 * alliance, each member's catalogue revision, nested programmes' heads and the heads of the
 * credentials a learner names (docs/engine.md, "Snapshots"). Sent as they are asked for, that is
 * four requests or more to the store, each with its own round trip and its own signing and parsing
 * in the function; gathered, it is one. Every read here is strongly consistent: the wave mixes reads
 * that must be (the head, the revisions) with a few that need not, and one request cannot mix them.
 * The few pay one read unit instead of half.
 *
 * Reads are gathered until the turn's pending callbacks have run (setImmediate), so that reads
 * begun after an already settled `await` still join. A failed batch fails every read in it, as the
 * one request they would each have made might have.
 */
export class CoalescedReads {
  private waiting: Waiting[] = [];

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** The item under `key`, or undefined when there is none. */
  get(key: Key): Promise<Item | undefined> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.flush());
      this.waiting.push({ key, resolve, reject });
    });
  }

  /** The items under `wanted`, by key (absent ones left out). */
  async getMany(wanted: readonly Key[]): Promise<Map<string, Item>> {
    const items = await Promise.all(wanted.map((k) => this.get(k)));
    const found = new Map<string, Item>();
    items.forEach((item, i) => {
      const k = wanted[i];
      if (item && k) found.set(idOf(k), item);
    });
    return found;
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    const byId = new Map<string, Waiting[]>();
    for (const w of batch) {
      const id = idOf(w.key);
      byId.set(id, [...(byId.get(id) ?? []), w]);
    }
    const keys = [...byId.values()].map((ws) => ws[0]?.key as Key);
    this.read(keys).then(
      (items) => {
        for (const [id, ws] of byId) for (const w of ws) w.resolve(items.get(id));
      },
      (err: unknown) => {
        for (const w of batch) w.reject(err);
      },
    );
  }

  private async read(keys: readonly Key[]): Promise<Map<string, Item>> {
    const items = await getAll(this.doc, this.table, keys, true);
    return new Map(items.map((item) => [idOf(item as Key), item]));
  }
}

const readers = new WeakMap<DynamoDBDocumentClient, Map<string, CoalescedReads>>();

/** The one gatherer of reads for this client and table, shared by every repository over them. */
export const coalescedReads = (doc: DynamoDBDocumentClient, table: string): CoalescedReads => {
  let byTable = readers.get(doc);
  if (!byTable) readers.set(doc, (byTable = new Map()));
  let reader = byTable.get(table);
  if (!reader) byTable.set(table, (reader = new CoalescedReads(doc, table)));
  return reader;
};
