import { backfillModuleIndex } from '../shared/store/dynamo/module-index-backfill.js';
import { openStore } from './export.js';

/*
 * `npx tsx scripts/index-modules.ts`: builds the module index for programmes written before it
 * existed (docs/data-model.md, "The module index"). Which store: as for `npm run export`
 * (DYNAMODB_ENDPOINT / TABLE_NAME / the local data folder). Safe to run again.
 */
const store = await openStore({ createTable: false });
try {
  const { programmes, entries } = await backfillModuleIndex(store.doc, store.table);
  process.stdout.write(`${store.where}: ${programmes} programmes recorded, ${entries} module entries written\n`);
} finally {
  await store.close();
}
