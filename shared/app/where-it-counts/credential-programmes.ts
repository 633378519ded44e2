import { notFound } from '../../domain/errors.js';
import { findPathways } from '../../engine/index.js';
import { loadProgrammeContext } from '../engine/engine-context.js';
import { parseModule } from '../engine/modules.js';
import type { IndexDeps } from './where-it-counts-deps.js';

/**
 * GET /credentials/{id}/programmes (SPEC §4): every programme whose current version lists the
 * credential among its modules, with its status and the exact number of valid compositions of that
 * version containing it (the engine's pathways `total` with `include: [id]`, a decimal string).
 * The programmes come from the module index (no scan, no loop over the catalogue); each entry is
 * checked against the version itself, since a lost race or an amendment can leave one behind.
 */
export const programmesCounting = async (deps: IndexDeps, credentialId: string) => {
  const [credential, listings] = await Promise.all([
    deps.credentials.get(credentialId),
    deps.moduleIndex.programmesListing(credentialId),
  ]);
  if (!credential) throw notFound(`credential ${credentialId}`);
  const found = await Promise.all(
    listings.map(async ({ programmeId }) => {
      const stored = await deps.programmes.get(programmeId);
      if (!stored) return undefined;
      const { programme } = stored;
      const context = await loadProgrammeContext(deps, programmeId, programme.currentVersion);
      const { rule } = context.version;
      if (!(rule.modules ?? []).some((ref) => parseModule(ref).id === credentialId)) return undefined;
      const { total, exact } = findPathways(context.ctx, { include: [credentialId], limit: 1 });
      return {
        programmeId,
        title: rule.title,
        status: programme.status,
        compositions: total,
        // False only when the engine could not finish counting: `compositions` is then a lower bound.
        exact,
        allianceId: programme.allianceId,
        version: programme.currentVersion,
      };
    }),
  );
  const items = found
    .filter((item) => item !== undefined)
    .sort((a, b) => a.title.localeCompare(b.title) || a.programmeId.localeCompare(b.programmeId));
  return { credentialId, items };
};
