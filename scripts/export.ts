import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal, type RunningStore } from '../functions/local/dynamo-local.js';
import { exportItems, type Item } from '../shared/store/dynamo/backup.js';
import { createDocumentClient } from '../shared/store/dynamo/client.js';
import { ensureTable } from '../shared/store/dynamo/ensure-table.js';

/*
 * `npm run export [-- file.jsonl]`: every item of the registry table as JSON lines (stdout when no
 * file is named). Which store:
 *   DYNAMODB_ENDPOINT set   that endpoint (e.g. a running DynamoDB Local), table TABLE_NAME (default "registry");
 *   only TABLE_NAME set     that table in AWS, with the usual AWS credentials and region;
 *   neither                 the local data folder's store (DATA_DIR, default .data) — stop `npm start` first,
 *                           two DynamoDB Local processes must not share one database file.
 */
export interface OpenStore {
  readonly doc: DynamoDBDocumentClient;
  readonly table: string;
  readonly where: string;
  close(): Promise<void>;
}

export const openStore = async (options: { createTable: boolean }): Promise<OpenStore> => {
  const table = process.env.TABLE_NAME ?? 'registry';
  let store: RunningStore | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint && !process.env.TABLE_NAME) {
    const dataDir = process.env.DATA_DIR ?? '.data';
    store = await startDynamoLocal({
      dataDir: `${dataDir}/dynamodb`,
      onCrash: (reason) => process.stderr.write(`DynamoDB Local stopped unexpectedly: ${reason}\n`),
    });
    endpoint = store.endpoint;
  }
  const doc = createDocumentClient({ tableName: table, ...(endpoint ? { endpoint } : {}) });
  // Locally an import may start from nothing; in AWS the table is CDK's and must exist already.
  if (options.createTable && endpoint) await ensureTable(doc, table);
  return {
    doc,
    table,
    where: `${table} at ${endpoint ?? 'AWS'}`,
    close: async () => {
      doc.destroy();
      await store?.stop();
    },
  };
};

/** Items as JSON lines; the file names the format version in its first line. */
export const BACKUP_HEADER = { format: 'alliance-registry-backup', version: 1 } as const;

export const writeJsonLines = async (items: AsyncIterable<Item>, out: NodeJS.WritableStream): Promise<number> => {
  let count = 0;
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${JSON.stringify(BACKUP_HEADER)}\n`);
  for await (const item of items) {
    await write(`${JSON.stringify(item)}\n`);
    count += 1;
  }
  return count;
};

export async function* readJsonLines(input: NodeJS.ReadableStream): AsyncGenerator<Item> {
  let first = true;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    if (line.trim() === '') continue;
    const value = JSON.parse(line) as unknown;
    if (first) {
      first = false;
      const header = value as Partial<typeof BACKUP_HEADER>;
      if (header.format !== BACKUP_HEADER.format || header.version !== BACKUP_HEADER.version) {
        throw new Error(`line 1 is not a ${BACKUP_HEADER.format} v${BACKUP_HEADER.version} header`);
      }
      continue;
    }
    if (
      !value ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      typeof (value as Item).pk !== 'string' ||
      typeof (value as Item).sk !== 'string'
    ) {
      throw new Error(`line ${n} is not a table item with pk and sk`);
    }
    yield value as Item;
  }
  if (first) throw new Error('the backup is empty: no header line');
}

export const openOutput = (file: string | undefined): NodeJS.WritableStream =>
  file ? createWriteStream(file) : process.stdout;
export const openInput = (file: string | undefined): NodeJS.ReadableStream =>
  file ? createReadStream(file) : process.stdin;

const main = async () => {
  const file = process.argv[2];
  const store = await openStore({ createTable: false });
  try {
    const out = openOutput(file);
    const count = await writeJsonLines(exportItems(store.doc, store.table), out);
    if (file) {
      out.end();
      await once(out, 'finish');
    }
    process.stderr.write(`exported ${count} items from ${store.where}${file ? ` to ${file}` : ''}\n`);
  } finally {
    await store.close();
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
