import { DomainError, notFound } from '../../domain/errors.js';
import type { EngineContext } from '../../engine/index.js';
import type { Credential } from '../../schemas/credential.js';
import type { Institution } from '../../schemas/institution.js';
import type { Programme, ProgrammeVersion } from '../../schemas/programme.js';
import type { Rule } from '../../schemas/rule.js';
import type { Deps } from '../deps.js';
import { ruleOf, standingVersion } from '../programmes/read-programmes.js';
import { allInstitutions } from '../registry-facts.js';
import { offeredVersion, parseModule } from './modules.js';

export interface ProgrammeContext {
  readonly ctx: EngineContext;
  readonly programmeId: string;
  readonly programme: Programme;
  /** The rule version the answer is about. */
  readonly ruleVersion: number;
  /** That version as stored (rule and content hash). */
  readonly version: ProgrammeVersion;
  readonly agreed: boolean;
  /** Every institution as stored; `ctx.institutions` keeps only what the engine reads. */
  readonly institutions: Record<string, Institution>;
  /** The latest version of every published offering of the members, whether the rule admits it or not. */
  readonly published: readonly Credential[];
}

/** Rules of the nested programmes, transitively (vertical stacking, SPEC §5.6). */
export const nestedRules = async (deps: Deps, rule: Rule): Promise<Record<string, Rule>> => {
  const nested: Record<string, Rule> = {};
  const queue = [...(rule.programmes ?? [])];
  while (queue.length > 0) {
    const id = queue.shift() ?? '';
    if (id in nested) continue;
    const found = await ruleOf(deps, id);
    if (!found) throw notFound(`nested programme ${id}`);
    nested[id] = found;
    queue.push(...(found.programmes ?? []));
  }
  return nested;
};

/**
 * What plans and pathways may offer under `rule` (SPEC §5.1): each listed module at its latest
 * published version that passes the filters; a rule that lists no modules (stored before rules
 * carried them) admits the whole published catalogue. Only a module whose latest version fails the
 * filters costs reads of its own, one per version stepped back towards the listed one.
 */
export const offeredCatalogue = async (
  deps: Deps, rule: Rule, members: readonly string[], published: readonly Credential[],
): Promise<Credential[]> => {
  if (rule.modules === undefined) return [...published];
  const latest = new Map(published.map((c) => [c.id, c]));
  const offered = await Promise.all(
    rule.modules.map(async (ref) => {
      const { id, version: listed } = parseModule(ref);
      const head = latest.get(id);
      if (!head || head.version < listed) return undefined; // retired (or not a member's any more): offered no more
      const first = offeredVersion(rule, members, listed, [head]);
      if (first) return first;
      for (let n = head.version - 1; n >= listed; n--) {
        const older = await deps.credentials.getVersion(id, n);
        const found = older && offeredVersion(rule, members, listed, [older]);
        if (found) return found;
      }
      return undefined;
    }),
  );
  return offered.filter((c): c is Credential => c !== undefined);
};

/** Institution facts as the engine reads them. */
export const engineInstitutions = (known: Record<string, Institution>): EngineContext['institutions'] =>
  Object.fromEntries(Object.entries(known).map(([id, i]) => [id, { country: i.country, kind: i.kind, name: i.name }]));

/**
 * Everything the engine needs about one programme: the agreed rule by default (the current one
 * while still under negotiation), or the version named; nested rules; what the rule offers. Reads
 * the programme's head and the one version it needs, not its whole history.
 */
export const loadProgrammeContext = async (deps: Deps, programmeId: string, version?: number): Promise<ProgrammeContext> => {
  // The institutions do not depend on the programme: read them meanwhile.
  const institutions = allInstitutions(deps);
  // Should the programme fail to load first, this is never awaited: mark its failure as seen so it
  // cannot crash the process as an unhandled rejection. Awaited below, it still throws.
  institutions.catch(() => undefined);
  const stored = await deps.programmes.get(programmeId);
  if (!stored) throw notFound(`programme ${programmeId}`);
  const { programme } = stored;
  const ruleVersion = version ?? standingVersion(programme);
  const found = ruleVersion <= programme.currentVersion ? await deps.programmes.getVersion(programmeId, ruleVersion) : undefined;
  if (!found) {
    throw new DomainError('VALIDATION_FAILED', `programme ${programmeId} has no version ${ruleVersion}`, [
      { path: 'version', message: `versions are 1 to ${programme.currentVersion}` },
    ]);
  }
  const alliance = await deps.alliances.get(programme.allianceId);
  const members = alliance?.alliance.members ?? [];
  const [nested, published, known] = await Promise.all([nestedRules(deps, found.rule), deps.credentials.published(members), institutions]);
  const catalogue = await offeredCatalogue(deps, found.rule, members, published);
  return {
    ctx: { rule: found.rule, nested, catalogue, institutions: engineInstitutions(known), members },
    programmeId,
    programme,
    ruleVersion,
    version: found,
    agreed: programme.agreedVersion === ruleVersion,
    institutions: known,
    published,
  };
};
