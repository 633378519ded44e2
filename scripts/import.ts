import { pathToFileURL } from 'node:url';
import { importItems, NotEmptyError } from '../shared/store/dynamo/backup.js';
import { openInput, openStore, readJsonLines } from './export.js';

/*
 * `npm run import [-- file.jsonl]`: restores an `npm run export` file (stdin when no file is named)
 * into an empty table; a table holding anything is refused. The store is chosen as for the export
 * (scripts/export.ts); locally the table is created when missing.
 */
const main = async () => {
  const file = process.argv[2];
  const store = await openStore({ createTable: true });
  try {
    const count = await importItems(store.doc, store.table, readJsonLines(openInput(file)));
    process.stderr.write(`imported ${count} items into ${store.where}\n`);
  } catch (err) {
    if (!(err instanceof NotEmptyError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
