import { DomainError, invalid, type FieldIssue } from '../../domain/errors.js';
import { readDocuments, type ReadAchievement } from '../achievements/read-documents.js';
import { latestPublished } from '../../engine/entries.js';
import {
  checkEligibilityExact,
  checkStackabilityExact,
  CursorError,
  findPathways,
  loadMipSolver,
  type EligibilityAnswer,
  type Held,
} from '../../engine/index.js';
import type { StoredCredential } from '../../ports/credential-repository.js';
import { parseCredentialRef, type Credential } from '../../schemas/credential.js';
import { findCredential } from '../credentials/read-credentials.js';
import type { EligibilityRequest, PathwaysRequest } from '../../schemas/engine-requests.js';
import type { Deps } from '../deps.js';
import { lastSeenPublished, loadProgrammeContext, type ProgrammeContext } from './engine-context.js';
import { admitAchievements } from './admit-achievements.js';

// A withdrawn programme keeps naming the version once agreed, but it is no longer agreed to.
const about = (p: ProgrammeContext) => ({
  programmeId: p.programmeId,
  ruleVersion: p.ruleVersion,
  agreed: p.agreed && p.programme.status !== 'withdrawn',
});

/**
 * SPEC §5 eligibility: `status` is the programme's. A withdrawn programme admits nobody, so the
 * answer offers no plan and says why; what would have counted is still shown. The engine's own
 * verdict on its search travels as `searchStatus`.
 */
const asProgrammeAnswer = (p: ProgrammeContext, answer: EligibilityAnswer) => {
  const { status: searchStatus, ...rest } = answer;
  if (p.programme.status !== 'withdrawn') return { ...rest, status: p.programme.status, searchStatus };
  const withdrawn = {
    rule: 'status',
    message: `programme ${p.programmeId} was withdrawn: it no longer leads to an award`,
  };
  return {
    ...rest,
    eligible: false,
    plan: null,
    missing: [withdrawn, ...rest.missing],
    status: p.programme.status,
    searchStatus,
  };
};

/**
 * The catalogue's latest published versions by id. A warm function answers from one catalogue
 * snapshot for many requests (engine-context.ts), so the index is built once per snapshot: at 1,000
 * offerings building it took about 2.5 ms of every answer.
 */
const latestIndexes = new WeakMap<readonly Credential[], ReadonlyMap<string, Credential>>();
const latestById = (catalogue: readonly Credential[]): ReadonlyMap<string, Credential> => {
  let index = latestIndexes.get(catalogue);
  if (!index) {
    index = new Map(latestPublished(catalogue).map((c) => [c.id, c]));
    latestIndexes.set(catalogue, index);
  }
  return index;
};

/**
 * Registry credentials named in a request; an unknown one is a 400 naming its place in the body.
 * A reference to a published credential's latest version is answered from the catalogue the
 * engine has read anyway (its entries are written in the same transaction as the credential);
 * only older versions and retired credentials cost a read of their own.
 */
const resolveCredentials = async (
  deps: Deps,
  catalogue: readonly Credential[],
  refs: readonly { ref: string; version?: number; path: string }[],
  heads: ReadonlyMap<string, StoredCredential> = new Map(),
) => {
  const published = latestById(catalogue);
  const known = ({ ref, version }: { ref: string; version?: number }) => {
    const parsed = parseCredentialRef(ref);
    const latest = published.get(parsed.id);
    const wanted = version ?? parsed.version;
    if (latest && (wanted === undefined || wanted === latest.version)) return latest;
    return wanted === undefined ? heads.get(parsed.id)?.credential : undefined;
  };
  const found = await Promise.all(refs.map((r) => known(r) ?? findCredential(deps, r.ref, r.version)));
  const problems: FieldIssue[] = refs.flatMap((r, i) =>
    found[i] ? [] : [{ path: r.path, message: `credential ${r.ref} does not exist` }],
  );
  if (problems.length > 0)
    throw new DomainError('VALIDATION_FAILED', problems.map((p) => p.message).join('; '), problems);
  return found as Credential[]; // every entry checked above
};

/**
 * The heads of the credentials a request names at their latest version, read in one batch while
 * the programme loads. Most are in the members' catalogue, which answers for them; one that is not
 * (a credential of an institution outside the alliance, which a learner may well hold) would
 * otherwise cost a read of its own after the programme's, one more wave on every such request.
 * Credentials the programme's last answer found published (`known`) are not read: the catalogue
 * answers for them unless it has changed since, and one retired meanwhile is then read on its own
 * (resolveCredentials).
 */
const latestHeadsNamed = (
  deps: Deps,
  achievements: EligibilityRequest['achievements'],
  known: ReadonlySet<string> = new Set(),
): Promise<ReadonlyMap<string, StoredCredential>> => {
  const ids = achievements.flatMap((a) => {
    if (!('credentialId' in a) || a.version !== undefined) return [];
    const parsed = parseCredentialRef(a.credentialId);
    return parsed.version === undefined && !known.has(parsed.id) ? [parsed.id] : [];
  });
  return ids.length > 0 ? deps.credentials.getMany(ids) : Promise.resolve(new Map());
};

/** POST /programmes/{id}/stackability */
export const stackabilityOf = async (
  deps: Deps,
  programmeId: string,
  body: { credentials: string[]; version?: number | undefined },
) => {
  const programme = await loadProgrammeContext(deps, programmeId, body.version);
  const set = await resolveCredentials(
    deps,
    programme.published,
    body.credentials.map((ref, i) => ({ ref, path: `credentials.${i}` })),
  );
  return { ...(await checkStackabilityExact(programme.ctx, set, { loadMip: loadMipSolver })), ...about(programme) };
};

/**
 * Achievements as the engine holds them, documents already read (readDocuments). Registry
 * credentials are resolved against `catalogue` (see resolveCredentials); an unknown one is a 400.
 */
export const heldAchievements = async (
  deps: Deps,
  catalogue: readonly Credential[],
  achievements: readonly ReadAchievement[],
  heads?: ReadonlyMap<string, StoredCredential>,
): Promise<Held[]> => {
  const registry = achievements.flatMap((a, i) =>
    'credentialId' in a
      ? [
          {
            ref: a.credentialId,
            ...(a.version ? { version: a.version } : {}),
            path: `achievements.${i}.credentialId`,
            index: i,
            a,
          },
        ]
      : [],
  );
  const credentials = await resolveCredentials(deps, catalogue, registry, heads);
  return achievements.map((a, i): Held => {
    if ('credentialId' in a) {
      const credential = credentials[registry.findIndex((r) => r.index === i)] as Credential; // resolved above, same order
      return {
        kind: 'registry',
        key: `${credential.id}@${credential.version}`,
        credential,
        issuedOn: a.issuedOn,
        ...(a.score !== undefined ? { score: a.score } : {}),
      };
    }
    return { kind: 'external', key: `external:${i}`, external: { ...a.external, verified: false } };
  });
};

/**
 * POST /programmes/{id}/eligibility: documents read (those this registry exported count as their
 * credential, SPEC §3), achievements resolved, external ones never verified. `baseUrl`: this
 * registry's public URL, which its exports' ids start with.
 */
export const eligibilityOf = async (deps: Deps, programmeId: string, body: EligibilityRequest, baseUrl?: string) => {
  const [programme, read, heads] = await Promise.all([
    loadProgrammeContext(deps, programmeId, body.version),
    readDocuments(deps, body.achievements, baseUrl),
    latestHeadsNamed(deps, body.achievements, lastSeenPublished(deps, programmeId)),
  ]);
  const asOf = body.asOf ?? deps.clock.now().slice(0, 10);
  // Documents read into external achievements keep their place in the body: `external:<index>` (heldAchievements).
  const levelUnstated = new Set(
    read.imported.filter((d) => !d.matched && d.missing.includes('level')).map((d) => `external:${d.achievement}`),
  );
  const { held, notCounted } = admitAchievements(
    await heldAchievements(deps, programme.published, read.achievements, heads),
    {
      asOf,
      rule: programme.ctx.rule,
      levelUnstated,
    },
  );
  const answer = asProgrammeAnswer(
    programme,
    await checkEligibilityExact(programme.ctx, held, asOf, {
      loadMip: loadMipSolver,
      ...(body.preferences ? { preferences: body.preferences } : {}),
    }),
  );
  return {
    ...answer,
    ...about(programme),
    asOf,
    ...(notCounted.length > 0 ? { notCounted } : {}),
    ...(read.imported.length > 0 ? { imported: read.imported } : {}),
  };
};

/** POST /programmes/{id}/pathways */
export const pathwaysOf = async (deps: Deps, programmeId: string, body: PathwaysRequest) => {
  const programme = await loadProgrammeContext(deps, programmeId, body.version);
  const { include, exclude, limit, cursor } = body;
  try {
    const answer = findPathways(programme.ctx, {
      ...(include ? { include } : {}),
      ...(exclude ? { exclude } : {}),
      ...(limit ? { limit } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return { ...answer, ...about(programme) };
  } catch (err) {
    if (err instanceof CursorError) throw invalid('cursor', err.message);
    throw err;
  }
};
