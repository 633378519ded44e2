import { DomainError, notFound } from '../../domain/errors.js';
import type { EngineContext } from '../../engine/index.js';
import type { Institution } from '../../schemas/institution.js';
import type { ProgrammeVersion } from '../../schemas/programme.js';
import type { Rule } from '../../schemas/rule.js';
import type { Deps } from '../deps.js';
import { loadProgramme, ruleOf, standingVersion } from '../programmes/read-programmes.js';
import { allInstitutions } from '../registry-facts.js';

export interface ProgrammeContext {
  readonly ctx: EngineContext;
  readonly programmeId: string;
  /** The rule version the answer is about. */
  readonly ruleVersion: number;
  /** That version as stored (rule and content hash). */
  readonly version: ProgrammeVersion;
  readonly agreed: boolean;
  /** Every institution as stored; `ctx.institutions` keeps only what the engine reads. */
  readonly institutions: Record<string, Institution>;
}

/** Rules of the nested programmes, transitively (vertical stacking, SPEC §5.6). */
const nestedRules = async (deps: Deps, rule: Rule): Promise<Record<string, Rule>> => {
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
 * Everything the engine needs about one programme: the agreed rule by default (the current one
 * while still under negotiation), or the version named; nested rules; the published catalogue.
 */
export const loadProgrammeContext = async (deps: Deps, programmeId: string, version?: number): Promise<ProgrammeContext> => {
  // The catalogue and the institutions do not depend on the programme: read them meanwhile.
  const catalogue = deps.credentials.published();
  const institutions = allInstitutions(deps);
  // Should the programme fail to load first, these are never awaited: mark their failures as seen
  // so they cannot crash the process as unhandled rejections. Awaited below, they still throw.
  catalogue.catch(() => undefined);
  institutions.catch(() => undefined);
  const record = await loadProgramme(deps, programmeId);
  const { programme } = record;
  const ruleVersion = version ?? standingVersion(programme);
  const found = record.versions.find((v) => v.version === ruleVersion);
  if (!found) {
    throw new DomainError('VALIDATION_FAILED', `programme ${programmeId} has no version ${ruleVersion}`, [
      { path: 'version', message: `versions are 1 to ${programme.currentVersion}` },
    ]);
  }
  const [nested, offerings, known, alliance] = await Promise.all([
    nestedRules(deps, found.rule),
    catalogue,
    institutions,
    deps.alliances.get(programme.allianceId),
  ]);
  const members = alliance?.alliance.members ?? [];
  const facts = Object.fromEntries(Object.entries(known).map(([id, i]) => [id, { country: i.country, kind: i.kind, name: i.name }]));
  return {
    ctx: { rule: found.rule, nested, catalogue: offerings, institutions: facts, members },
    programmeId,
    ruleVersion,
    version: found,
    agreed: programme.agreedVersion === ruleVersion,
    institutions: known,
  };
};
