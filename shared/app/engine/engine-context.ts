import { DomainError, notFound } from '../../domain/errors.js';
import type { EngineContext } from '../../engine/index.js';
import type { Credential } from '../../schemas/credential.js';
import type { Institution } from '../../schemas/institution.js';
import type { Programme, ProgrammeVersion } from '../../schemas/programme.js';
import type { Rule } from '../../schemas/rule.js';
import type { Deps } from '../deps.js';
import { standingVersion } from '../programmes/read-programmes.js';
import { allInstitutions } from '../registry-facts.js';
import { perStore } from './bounded-cache.js';
import { publishedAt } from './members-catalogue.js';
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

/**
 * What plans and pathways may offer under `rule` (SPEC §5.1): each listed module at its latest
 * published version that passes the filters; a rule that lists no modules (stored before rules
 * carried them) admits the whole published catalogue. Only a module whose latest version fails the
 * filters costs reads of its own, one per version stepped back towards the listed one.
 */
export const offeredCatalogue = async (
  deps: Deps,
  rule: Rule,
  members: readonly string[],
  published: readonly Credential[],
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

/** A version's rule by `id@n`: versions never change once written, so a warm function keeps them. */
const versionCache = perStore<ProgrammeVersion>(256);

const versionOf = async (deps: Deps, programmeId: string, version: number): Promise<ProgrammeVersion | undefined> => {
  const key = `${programmeId}@${version}`;
  const cache = versionCache(deps.programmes);
  const cached = cache.get(key);
  if (cached) return cached;
  const found = await deps.programmes.getVersion(programmeId, version);
  if (found) cache.set(key, found);
  return found;
};

type Head = Awaited<ReturnType<Deps['programmes']['get']>>;

/**
 * Nested rules at their standing versions, transitively: heads read each time (or taken from
 * `prefetched`, read meanwhile), versions from the cache.
 */
const standingNested = async (
  deps: Deps,
  rule: Rule,
  prefetched: ReadonlyMap<string, Promise<Head>>,
): Promise<{ rules: Record<string, Rule>; versions: string[] }> => {
  const rules: Record<string, Rule> = {};
  const versions: string[] = [];
  let level = [...new Set(rule.programmes ?? [])];
  while (level.length > 0) {
    const found = await Promise.all(
      level.map(async (id) => {
        const head = await (prefetched.get(id) ?? deps.programmes.get(id));
        const version = head && (await versionOf(deps, id, standingVersion(head.programme)));
        if (!version) throw notFound(`nested programme ${id}`);
        return { id, version };
      }),
    );
    for (const { id, version } of found) {
      rules[id] = version.rule;
      versions.push(`${id}@${version.version}`);
    }
    level = [...new Set(found.flatMap(({ version }) => version.rule.programmes ?? []))].filter((id) => !(id in rules));
  }
  return { rules, versions: versions.sort() };
};

/** Rules of the nested programmes at their standing versions, transitively (vertical stacking, SPEC §5.6). */
export const nestedRules = async (deps: Deps, rule: Rule): Promise<Record<string, Rule>> =>
  (await standingNested(deps, rule, new Map())).rules;

/**
 * What the previous request about a programme found: its alliance (which never changes), the
 * members and the nested programmes then. The next request reads all of it at once, in one wave
 * with the programme's head, and reads again only what turns out to have changed: on the local
 * store, each sequential read costs milliseconds.
 */
interface Probe {
  readonly allianceId: string;
  readonly members: readonly string[];
  readonly nested: readonly string[];
  /** The ids of the members' published offerings the answer was computed with. */
  readonly publishedIds: ReadonlySet<string>;
}
const probes = perStore<Probe>(1024);

/*
 * Ids only, one set per members' catalogue (programmes of one alliance share it): a probe outlives
 * the snapshot it came from, and must not keep a thousand credentials alive after it.
 */
const idSets = new WeakMap<readonly Credential[], ReadonlySet<string>>();
const idsOf = (published: readonly Credential[]): ReadonlySet<string> => {
  let ids = idSets.get(published);
  if (!ids) idSets.set(published, (ids = new Set(published.map((c) => c.id))));
  return ids;
};

/**
 * The ids of the members' published offerings as the last answer about this programme saw them, if
 * this function has answered about it: a guess, for reads to skip what it most likely holds.
 */
export const lastSeenPublished = (deps: Deps, programmeId: string): ReadonlySet<string> | undefined =>
  probes(deps.programmes).get(programmeId)?.publishedIds;

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What an engine answer about one programme version depends on, beyond the version itself. */
interface Snapshot {
  readonly ctx: EngineContext;
  readonly institutions: Record<string, Institution>;
  readonly published: readonly Credential[];
}

/**
 * Compiled contexts of programme versions, kept by a warm function (docs/engine.md, "Snapshots").
 * The key names everything the context is built from that can change: the members, each member's
 * catalogue revision and the standing versions of nested programmes. A write to a member's
 * offerings bumps its revision in the same transaction, so the very next request reads a new key
 * and builds afresh; a snapshot is never consulted once anything under it changed.
 */
const snapshots = perStore<Snapshot>(16);

/**
 * Everything the engine needs about one programme: the agreed rule by default (the current one
 * while still under negotiation), or the version named; nested rules; what the rule offers. Per
 * request it reads, all at once, the programme's head, its alliance, the members' catalogue
 * revisions (one batched read) and the heads of nested programmes; the catalogue only when a
 * revision moved.
 */
export const loadProgrammeContext = async (
  deps: Deps,
  programmeId: string,
  version?: number,
): Promise<ProgrammeContext> => {
  const probe = probes(deps.programmes).get(programmeId);
  const prefetched = new Map((probe?.nested ?? []).map((id) => [id, deps.programmes.get(id)]));
  // Read meanwhile, awaited below when still needed: mark failures as seen (no unhandled rejection).
  for (const head of prefetched.values()) head.catch(() => undefined);
  const [stored, probedAlliance, probedRevisions] = await Promise.all([
    deps.programmes.get(programmeId),
    probe ? deps.alliances.get(probe.allianceId) : undefined,
    probe ? deps.credentials.catalogueRevisions(probe.members) : undefined,
  ]);
  if (!stored) throw notFound(`programme ${programmeId}`);
  const { programme } = stored;
  const ruleVersion = version ?? standingVersion(programme);
  const found = ruleVersion <= programme.currentVersion ? await versionOf(deps, programmeId, ruleVersion) : undefined;
  if (!found) {
    throw new DomainError('VALIDATION_FAILED', `programme ${programmeId} has no version ${ruleVersion}`, [
      { path: 'version', message: `versions are 1 to ${programme.currentVersion}` },
    ]);
  }
  const alliance = probedAlliance ?? (await deps.alliances.get(programme.allianceId));
  const members = alliance?.alliance.members ?? [];
  const [revisions, nested] = await Promise.all([
    probe && probedRevisions && sameList(probe.members, members)
      ? probedRevisions
      : deps.credentials.catalogueRevisions(members),
    standingNested(deps, found.rule, prefetched),
  ]);
  const key = JSON.stringify([
    programmeId,
    found.version,
    found.contentHash,
    members,
    members.map((m) => revisions[m] ?? 0),
    nested.versions,
  ]);
  let snapshot = snapshots(deps.programmes).get(key);
  if (!snapshot) {
    // Read after the revisions: a write landing meanwhile makes this snapshot newer than its key,
    // never older, and the next request (seeing the new revision) builds again.
    const [published, known] = await Promise.all([publishedAt(deps, members, revisions), allInstitutions(deps)]);
    const catalogue = await offeredCatalogue(deps, found.rule, members, published);
    snapshot = {
      ctx: { rule: found.rule, nested: nested.rules, catalogue, institutions: engineInstitutions(known), members },
      institutions: known,
      published,
    };
    snapshots(deps.programmes).set(key, snapshot);
  }
  probes(deps.programmes).set(programmeId, {
    allianceId: programme.allianceId,
    members,
    nested: Object.keys(nested.rules),
    publishedIds: idsOf(snapshot.published),
  });
  return {
    ctx: snapshot.ctx,
    programmeId,
    programme,
    ruleVersion,
    version: found,
    agreed: programme.agreedVersion === ruleVersion,
    institutions: snapshot.institutions,
    published: snapshot.published,
  };
};
