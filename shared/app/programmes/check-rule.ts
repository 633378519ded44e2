import { DomainError, type FieldIssue } from '../../domain/errors.js';
import { ruleWarnings } from '../../domain/rule-warnings.js';
import type { Alliance } from '../../schemas/alliance.js';
import { Rule } from '../../schemas/rule.js';
import { toFieldIssues } from '../../schemas/issues.js';
import type { Deps } from '../deps.js';
import { ruleOf } from './read-programmes.js';

export interface CheckedRule {
  readonly rule: Rule;
  readonly warnings: FieldIssue[];
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

/**
 * The rule schema plus what only the store can tell: listed institutions are members (when
 * membersOnly), named credentials and programmes exist. Unsatisfiable rules pass with warnings.
 */
export const checkRule = async (deps: Deps, alliance: Alliance, body: unknown, selfId?: string): Promise<CheckedRule> => {
  const parsed = Rule.safeParse(body);
  if (!parsed.success) return fail(toFieldIssues(parsed.error, 'rule'));
  const rule = parsed.data;
  const problems: FieldIssue[] = [];
  const membersOnly = rule.membersOnly ?? true;

  const institutions = await deps.institutions.getMany([...alliance.members, ...(rule.institutions ?? []).map((b) => b.id)]);
  (rule.institutions ?? []).forEach((b, i) => {
    if (!institutions.has(b.id)) problems.push({ path: `rule.institutions.${i}.id`, message: `institution ${b.id} does not exist` });
    else if (membersOnly && !alliance.members.includes(b.id)) {
      problems.push({ path: `rule.institutions.${i}.id`, message: `${b.id} is not a member of alliance ${alliance.id} (membersOnly)` });
    }
  });

  const credentialRefs = [
    ...(rule.requirements ?? []).flatMap((q, i) => (q.from.credentials ?? []).map((id, j) => ({ id, path: `rule.requirements.${i}.from.credentials.${j}` }))),
    ...(rule.exclusions ?? []).flatMap((group, i) => group.map((id, j) => ({ id, path: `rule.exclusions.${i}.${j}` }))),
  ];
  const found = await Promise.all(credentialRefs.map((ref) => deps.credentials.get(ref.id)));
  credentialRefs.forEach((ref, i) => {
    if (!found[i]) problems.push({ path: ref.path, message: `credential ${ref.id} does not exist` });
  });

  const nested = await Promise.all((rule.programmes ?? []).map((id) => deps.programmes.get(id)));
  (rule.programmes ?? []).forEach((id, i) => {
    if (id === selfId) problems.push({ path: `rule.programmes.${i}`, message: 'a programme cannot contain itself' });
    else if (!nested[i]) problems.push({ path: `rule.programmes.${i}`, message: `programme ${id} does not exist` });
    else if (nested[i]?.programme.status === 'withdrawn') problems.push({ path: `rule.programmes.${i}`, message: `programme ${id} was withdrawn` });
  });
  if (problems.length === 0 && (await reachesItself(deps, selfId, rule.programmes ?? []))) {
    problems.push({ path: 'rule.programmes', message: 'the nested programmes lead back to this programme' });
  }
  if (problems.length > 0) fail(problems);

  const countryOf = new Map([...institutions.values()].map((i) => [i.id, i.country]));
  const warnings = ruleWarnings(rule, { members: alliance.members, countryOf }).map((w) => ({ ...w, path: `rule.${w.path}` }));
  return { rule, warnings };
};
