import canonicalize from 'canonicalize';
import { DomainError, type FieldIssue } from '../../domain/errors.js';
import { moduleWarnings, ruleWarnings, type RuleWarning } from '../../domain/rule-warnings.js';
import { credentialEntry } from '../../engine/entries.js';
import { whyNotCounted } from '../../engine/filters.js';
import { checkEligibility, type EngineContext } from '../../engine/index.js';
import type { Alliance } from '../../schemas/alliance.js';
import type { Credential } from '../../schemas/credential.js';
import type { Institution } from '../../schemas/institution.js';
import { Rule } from '../../schemas/rule.js';
import { toFieldIssues } from '../../schemas/issues.js';
import type { Deps } from '../deps.js';
import { engineInstitutions, nestedRules, offeredCatalogue } from '../engine/engine-context.js';
import { defaultModules, parseModule } from '../engine/modules.js';
import { ruleOf } from './read-programmes.js';

/**
 * A stored rule, modules included, is at most this large (its canonical JSON): a version item stays
 * far below DynamoDB's 400 KB, and a programme read that shows a few versions stays small. About
 * 3,000 modules fit.
 */
export const MAX_RULE_BYTES = 128 * 1024;

export interface CheckedRule {
  /** The rule as it will be stored: `modules` filled in when the proposal omitted them. */
  readonly rule: Rule;
  readonly warnings: RuleWarning[];
  /** The engine's view of the rule, for answers about it before it is stored (preview). */
  readonly ctx: EngineContext;
  /** The members' published offerings, latest versions, as read for the check. */
  readonly published: readonly Credential[];
}

const fail = (problems: FieldIssue[]): never => {
  throw new DomainError('VALIDATION_FAILED', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
};

/** Nested programmes must not lead back to this one (vertical stacking is a tree). */
const reachesItself = async (deps: Deps, selfId: string | undefined, start: readonly string[]): Promise<boolean> => {
  if (selfId === undefined) return false;
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const id = queue.shift() ?? '';
    if (id === selfId) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const nested = await ruleOf(deps, id);
    queue.push(...(nested?.programmes ?? []));
  }
  return false;
};

const sizeProblem = (rule: Rule): FieldIssue[] => {
  const bytes = Buffer.byteLength(canonicalize(rule) ?? '', 'utf8');
  return bytes > MAX_RULE_BYTES
    ? [
        {
          path: 'rule',
          message: `the rule takes ${bytes} bytes with its modules; at most ${MAX_RULE_BYTES} are stored`,
        },
      ]
    : [];
};

/**
 * SPEC §5: listed modules name published credentials of members. Versions of a credential run from
 * 1 to its latest, so the members' catalogue answers every listed module of theirs; only a module
 * missing from it (unknown, retired, someone else's) costs a read, to say which.
 */
const moduleProblems = async (
  deps: Deps,
  modules: readonly string[],
  alliance: Alliance,
  published: readonly Credential[],
): Promise<FieldIssue[]> => {
  const latest = new Map(published.map((c) => [c.id, c]));
  const missing = modules.map(parseModule).filter((m) => !latest.has(m.id));
  const heads = missing.length > 0 ? await deps.credentials.getMany(missing.map((m) => m.id)) : new Map();
  return modules.flatMap((ref, i) => {
    const { id, version } = parseModule(ref);
    const path = `rule.modules.${i}`;
    const found = latest.get(id);
    if (found)
      return version > found.version
        ? [{ path, message: `credential ${id} has no version ${version} (its latest is ${found.version})` }]
        : [];
    const head = heads.get(id)?.credential;
    if (!head) return [{ path, message: `credential ${id} does not exist` }];
    if (head.status !== 'published') return [{ path, message: `credential ${id} is retired` }];
    return [
      { path, message: `credential ${id} belongs to ${head.institutionId}, not a member of alliance ${alliance.id}` },
    ];
  });
};

/**
 * What makes a version unworkable (SPEC §5 `warnings`): clauses that contradict each other,
 * requirements and institution bounds the listed modules cannot meet, an award outside its size,
 * and no valid composition at all (asked of the engine: a plan for a learner who holds nothing).
 */
const versionWarnings = (
  rule: Rule,
  alliance: Alliance,
  known: ReadonlyMap<string, Institution>,
  ctx: EngineContext,
  asOf: string,
): RuleWarning[] => {
  const countryOf = new Map([...known.values()].map((i) => [i.id, i.country]));
  const counting = ctx.catalogue.filter((c) => whyNotCounted(ctx, rule, credentialEntry(c, true), undefined) === null);
  const warnings = [...ruleWarnings(rule, { members: alliance.members, countryOf }), ...moduleWarnings(rule, counting)];
  if (checkEligibility(ctx, [], asOf).status === 'infeasible') {
    warnings.push({ rule: 'composition', message: 'no set of the listed modules is a valid composition of this rule' });
  }
  return warnings;
};

/**
 * The rule schema plus what only the store can tell: listed institutions are members (when
 * membersOnly), named credentials, modules and programmes exist. Unsatisfiable rules pass with
 * warnings. A rule without `modules` gets them filled in (SPEC §5).
 */
export const checkRule = async (
  deps: Deps,
  alliance: Alliance,
  body: unknown,
  selfId?: string,
): Promise<CheckedRule> => {
  const parsed = Rule.safeParse(body);
  if (!parsed.success) return fail(toFieldIssues(parsed.error, 'rule'));
  const sent = parsed.data;
  // Before any read: an oversized rule costs nothing more than its parse.
  const oversized = sizeProblem(sent);
  if (oversized.length > 0) fail(oversized);
  const problems: FieldIssue[] = [];
  const membersOnly = sent.membersOnly ?? true;

  const [institutions, published] = await Promise.all([
    deps.institutions.getMany([...alliance.members, ...(sent.institutions ?? []).map((b) => b.id)]),
    deps.credentials.published(alliance.members),
  ]);
  (sent.institutions ?? []).forEach((b, i) => {
    if (!institutions.has(b.id))
      problems.push({ path: `rule.institutions.${i}.id`, message: `institution ${b.id} does not exist` });
    else if (membersOnly && !alliance.members.includes(b.id)) {
      problems.push({
        path: `rule.institutions.${i}.id`,
        message: `${b.id} is not a member of alliance ${alliance.id} (membersOnly)`,
      });
    }
  });

  const credentialRefs = [
    ...(sent.requirements ?? []).flatMap((q, i) =>
      (q.from.credentials ?? []).map((id, j) => ({ id, path: `rule.requirements.${i}.from.credentials.${j}` })),
    ),
    ...(sent.exclusions ?? []).flatMap((group, i) => group.map((id, j) => ({ id, path: `rule.exclusions.${i}.${j}` }))),
  ];
  const found =
    credentialRefs.length > 0 ? await deps.credentials.getMany(credentialRefs.map((ref) => ref.id)) : new Map();
  for (const ref of credentialRefs) {
    if (!found.has(ref.id)) problems.push({ path: ref.path, message: `credential ${ref.id} does not exist` });
  }
  if (sent.modules) problems.push(...(await moduleProblems(deps, sent.modules, alliance, published)));

  const nested = await Promise.all((sent.programmes ?? []).map((id) => deps.programmes.get(id)));
  (sent.programmes ?? []).forEach((id, i) => {
    if (id === selfId) problems.push({ path: `rule.programmes.${i}`, message: 'a programme cannot contain itself' });
    else if (!nested[i]) problems.push({ path: `rule.programmes.${i}`, message: `programme ${id} does not exist` });
    else if (nested[i]?.programme.status === 'withdrawn')
      problems.push({ path: `rule.programmes.${i}`, message: `programme ${id} was withdrawn` });
  });
  if (problems.length === 0 && (await reachesItself(deps, selfId, sent.programmes ?? []))) {
    problems.push({ path: 'rule.programmes', message: 'the nested programmes lead back to this programme' });
  }
  if (problems.length > 0) fail(problems);

  const rule: Rule = sent.modules ? sent : { ...sent, modules: defaultModules(sent, alliance.members, published) };
  const filledSize = sizeProblem(rule);
  if (filledSize.length > 0)
    fail(filledSize.map((p) => ({ ...p, message: `${p.message}; list fewer modules explicitly` })));

  const [nestedRulesById, catalogue] = await Promise.all([
    nestedRules(deps, rule),
    offeredCatalogue(deps, rule, alliance.members, published),
  ]);
  const ctx: EngineContext = {
    rule,
    nested: nestedRulesById,
    catalogue,
    institutions: engineInstitutions(Object.fromEntries(institutions)),
    members: alliance.members,
  };
  return {
    rule,
    warnings: versionWarnings(rule, alliance, institutions, ctx, deps.clock.now().slice(0, 10)),
    ctx,
    published,
  };
};
