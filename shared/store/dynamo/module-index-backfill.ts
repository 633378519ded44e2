import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Programme, ProgrammeVersion } from '../../schemas/programme.js';
import { exportItems } from './backup.js';
import { keys } from './keys.js';
import { DynamoModuleIndex } from './module-index.js';

/*
 * Builds the module index (shared/ports/module-index.ts) for programmes written before it existed:
 * every programme head is recorded and its current version's modules listed. A maintenance step
 * run by `npx tsx scripts/index-modules.ts` with an operator's credentials, like the export it
 * scans with (backup.ts); no request path imports it. Safe to run again: entries are idempotent.
 */
export const backfillModuleIndex = async (
  doc: DynamoDBDocumentClient,
  table: string,
): Promise<{ programmes: number; entries: number }> => {
  const index = new DynamoModuleIndex(doc, table);
  const heads: Programme[] = [];
  const versions = new Map<string, ProgrammeVersion>();
  for await (const item of exportItems(doc, table)) {
    const pk = String(item.pk);
    if (!pk.startsWith('PROG#')) continue;
    if (item.sk === keys.programmeHead('').sk) heads.push(Programme.parse(item.data));
    else if (String(item.sk).startsWith(keys.versionSkPrefix)) {
      const version = ProgrammeVersion.parse(item.data);
      versions.set(`${pk}|${version.version}`, version);
    }
  }
  let entries = 0;
  for (const programme of heads) {
    const current = versions.get(`${keys.programmePartition(programme.id)}|${programme.currentVersion}`);
    const listed = (current?.rule.modules ?? []).map((ref) => ref.slice(0, ref.lastIndexOf('@')));
    await index.record({ programmeId: programme.id, allianceId: programme.allianceId });
    await index.list(programme.id, programme.currentVersion, listed);
    entries += listed.length;
  }
  return { programmes: heads.length, entries };
};
