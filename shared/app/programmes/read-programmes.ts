import { notFound } from '../../domain/errors.js';
import { pendingApprovals } from '../../domain/programme.js';
import type { PageRequest } from '../../ports/page.js';
import type { ProgrammeRecord } from '../../ports/programme-repository.js';
import type { Programme, ProgrammeVersion } from '../../schemas/programme.js';
import type { Rule } from '../../schemas/rule.js';
import type { Deps } from '../deps.js';

/** What `GET /programmes/{id}` answers: status, versions, approvals and history (SPEC §4). */
export const programmeView = (record: ProgrammeRecord, members: readonly string[]) => {
  const { programme, versions, events } = record;
  const current = versions.find((v) => v.version === programme.currentVersion);
  return {
    ...programme,
    currentContentHash: current?.contentHash,
    pendingApprovals: programme.status === 'negotiating' && current ? pendingApprovals(programme, current.contentHash, members) : [],
    versions,
    history: events,
  };
};
export type ProgrammeView = ReturnType<typeof programmeView>;

export const loadProgramme = async (deps: Deps, id: string): Promise<ProgrammeRecord> => {
  const record = await deps.programmes.load(id);
  if (!record) throw notFound(`programme ${id}`);
  return record;
};

export const membersOf = async (deps: Deps, allianceId: string): Promise<string[]> =>
  (await deps.alliances.get(allianceId))?.alliance.members ?? [];

export const getProgramme = async (deps: Deps, id: string): Promise<ProgrammeView> => {
  const record = await loadProgramme(deps, id);
  return programmeView(record, await membersOf(deps, record.programme.allianceId));
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
      id, title, status, currentVersion, ...(agreedVersion ? { agreedVersion } : {}),
    })),
  };
};

/** The rule a programme stands for: its agreed version once agreed, else its current one. */
export const standingVersion = (programme: Programme): number => programme.agreedVersion ?? programme.currentVersion;

/** A programme's head and the rule it stands for, or undefined. */
export const standingRule = async (deps: Deps, id: string): Promise<{ programme: Programme; rule: Rule } | undefined> => {
  const stored = await deps.programmes.get(id);
  if (!stored) return undefined;
  const version = await deps.programmes.getVersion(id, standingVersion(stored.programme));
  return version ? { programme: stored.programme, rule: version.rule } : undefined;
};

export const ruleOf = async (deps: Deps, id: string): Promise<Rule | undefined> => (await standingRule(deps, id))?.rule;
