import { conflict } from '../../domain/errors.js';
import { contentHash } from '../../domain/content-hash.js';
import type { RuleWarning } from '../../domain/rule-warnings.js';
import { findPathways, type EngineContext } from '../../engine/index.js';
import type { Caller } from '../../ports/caller.js';
import type { Deps } from '../deps.js';
import { engineInstitutions, nestedRules, offeredCatalogue } from '../engine/engine-context.js';
import { moduleRef } from '../engine/modules.js';
import { checkRule } from './check-rule.js';
import { allianceOrThrow, assertMayNegotiate } from './negotiate.js';
import { getProgrammeVersion, loadHead } from './read-programmes.js';

export interface PreviewAnswer {
  readonly current: { readonly version: number; readonly total: string; readonly exact: boolean };
  readonly proposed: { readonly total: string; readonly exact: boolean };
  readonly modules: { readonly added: string[]; readonly removed: string[] };
  readonly warnings: RuleWarning[];
  /** The rule as an amendment would store it (modules filled in), and its hash. */
  readonly rule: unknown;
  readonly contentHash: string;
}

/** SPEC §5 pathways `total`: the exact number of valid compositions (decimal string), or a lower bound. */
const countOf = (ctx: EngineContext) => {
  const { total, exact } = findPathways(ctx, { limit: 1 });
  return { total, exact };
};

/**
 * POST /programmes/{id}/preview: what an amendment to this rule would do, before anyone proposes
 * it; writes nothing. Compared with the current version (the one an amendment would replace).
 */
export const previewAmendment = async (
  deps: Deps,
  caller: Caller,
  programmeId: string,
  ruleBody: unknown,
): Promise<PreviewAnswer> => {
  const { programme } = await loadHead(deps, programmeId);
  const { alliance } = await allianceOrThrow(deps, programme.allianceId);
  assertMayNegotiate(caller, alliance);
  if (programme.status === 'withdrawn') throw conflict(`programme ${programmeId} was withdrawn: it takes no amendment`);
  const [proposed, current] = await Promise.all([
    checkRule(deps, alliance, ruleBody, programmeId),
    getProgrammeVersion(deps, programmeId, programme.currentVersion),
  ]);
  const [nested, catalogue, institutions] = await Promise.all([
    nestedRules(deps, current.rule),
    offeredCatalogue(deps, current.rule, alliance.members, proposed.published),
    deps.institutions.getMany(alliance.members),
  ]);
  const currentCtx: EngineContext = {
    rule: current.rule,
    nested,
    catalogue,
    institutions: engineInstitutions(Object.fromEntries(institutions)),
    members: alliance.members,
  };
  // A version stored before rules listed their modules admitted the whole catalogue.
  const before = new Set(current.rule.modules ?? catalogue.map(moduleRef));
  const after = new Set(proposed.rule.modules ?? []);
  return {
    current: { version: current.version, ...countOf(currentCtx) },
    proposed: countOf(proposed.ctx),
    modules: {
      added: [...after].filter((m) => !before.has(m)).sort(),
      removed: [...before].filter((m) => !after.has(m)).sort(),
    },
    warnings: proposed.warnings,
    rule: proposed.rule,
    contentHash: contentHash(proposed.rule),
  };
};
