import { notFound } from '../../domain/errors.js';
import { pendingApprovals } from '../../domain/programme.js';
import type { PageRequest } from '../../ports/page.js';
import type { ProgrammeRecord } from '../../ports/programme-repository.js';
import type { Programme, ProgrammeVersion } from '../../schemas/programme.js';
import type { Rule } from '../../schemas/rule.js';
import type { Deps } from '../deps.js';
import { membersCatalogue } from '../engine/members-catalogue.js';
import { moduleDrift, parseModule, type Drift } from '../engine/modules.js';

/**
 * What `GET /programmes/{id}` answers: status, versions, approvals and history (SPEC §4). Versions
 * and history are the newest ones (the repository bounds them); `versionCount` and `historyCount`
 * say how many there are, older versions are read one by one and older history page by page.
 */
export const programmeView = (record: ProgrammeRecord, members: readonly string[]) => {
  const { programme, versions, events } = record;
  const current = versions.find((v) => v.version === programme.currentVersion);
  return {
    ...programme,
    currentContentHash: current?.contentHash,
    pendingApprovals:
      programme.status === 'negotiating' && current ? pendingApprovals(programme, current.contentHash, members) : [],
    versionCount: programme.currentVersion,
    versions,
    historyCount: record.eventCount,
    history: events,
  };
};
export type ProgrammeView = ReturnType<typeof programmeView>;

export const loadProgramme = async (deps: Deps, id: string): Promise<ProgrammeRecord> => {
  const record = await deps.programmes.load(id);
  if (!record) throw notFound(`programme ${id}`);
  return record;
};

export const loadHead = async (deps: Deps, id: string) => {
  const stored = await deps.programmes.get(id);
  if (!stored) throw notFound(`programme ${id}`);
  return stored;
};

export const membersOf = async (deps: Deps, allianceId: string): Promise<string[]> =>
  (await deps.alliances.get(allianceId))?.alliance.members ?? [];

/**
 * SPEC §5 `drift` of a version: the members' catalogue (kept under their revisions), and the heads
 * of listed modules missing from it (to tell a retired module from one whose institution left).
 */
export const driftOf = async (deps: Deps, version: ProgrammeVersion, members: readonly string[]): Promise<Drift> => {
  const modules = version.rule.modules;
  if (modules === undefined) return { added: [], changed: [], retired: [] };
  const published = await membersCatalogue(deps, members);
  const present = new Set(published.map((c) => c.id));
  const missing = modules.map((ref) => parseModule(ref).id).filter((id) => !present.has(id));
  const heads = missing.length > 0 ? await deps.credentials.getMany(missing) : new Map();
  const retired = new Set(
    [...heads.values()].filter((h) => h.credential.status === 'retired').map((h) => h.credential.id),
  );
  return moduleDrift(version.rule, version.createdAt, members, published, retired);
};

export const getProgramme = async (deps: Deps, id: string): Promise<ProgrammeView & { drift: Drift }> => {
  const record = await loadProgramme(deps, id);
  const members = await membersOf(deps, record.programme.allianceId);
  const current = record.versions.find((v) => v.version === record.programme.currentVersion);
  const drift = current ? await driftOf(deps, current, members) : { added: [], changed: [], retired: [] };
  return { ...programmeView(record, members), drift };
};

/** The history of a programme, newest first (GET /programmes/{id}/history). */
export const getProgrammeHistory = async (deps: Deps, id: string, page: PageRequest) => {
  await loadHead(deps, id);
  return deps.programmes.history(id, page);
};

export const getProgrammeVersion = async (deps: Deps, id: string, version: number): Promise<ProgrammeVersion> => {
  const found = await deps.programmes.getVersion(id, version);
  if (!found) throw notFound(`version ${version} of programme ${id}`);
  return found;
};

export const listProgrammes = async (deps: Deps, allianceId: string, page: PageRequest) => {
  if (!(await deps.alliances.get(allianceId))) throw notFound(`alliance ${allianceId}`);
  const found = await deps.programmes.listByAlliance(allianceId, page);
  return {
    ...found,
    items: found.items.map(({ id, title, status, currentVersion, agreedVersion }) => ({
      id,
      title,
      status,
      currentVersion,
      ...(agreedVersion ? { agreedVersion } : {}),
    })),
  };
};

/** The rule a programme stands for: its agreed version once agreed, else its current one. */
export const standingVersion = (programme: Programme): number => programme.agreedVersion ?? programme.currentVersion;

/** A programme's head and the rule it stands for, or undefined. */
export const standingRule = async (
  deps: Deps,
  id: string,
): Promise<{ programme: Programme; rule: Rule } | undefined> => {
  const stored = await deps.programmes.get(id);
  if (!stored) return undefined;
  const version = await deps.programmes.getVersion(id, standingVersion(stored.programme));
  return version ? { programme: stored.programme, rule: version.rule } : undefined;
};

export const ruleOf = async (deps: Deps, id: string): Promise<Rule | undefined> => (await standingRule(deps, id))?.rule;
