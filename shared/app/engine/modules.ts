import { credentialEntry } from '../../engine/entries.js';
import { whyNotCounted } from '../../engine/filters.js';
import type { Credential } from '../../schemas/credential.js';
import type { Rule } from '../../schemas/rule.js';

/*
 * A rule's `modules` (SPEC §5) as pure decisions over credentials already read: which offerings a
 * proposal that omits them admits, which version of each listed module plans and pathways offer,
 * and what the catalogue did since a version was written (drift). Reading is the callers' job.
 */

export const moduleRef = (c: { readonly id: string; readonly version: number }): string => `${c.id}@${c.version}`;

export const parseModule = (ref: string): { id: string; version: number } => {
  const at = ref.lastIndexOf('@');
  return { id: ref.slice(0, at), version: Number(ref.slice(at + 1)) };
};

/**
 * Whether an offering passes the rule on its own, `modules` aside: the `components` filters, at
 * least 1 ECTS, and membership (SPEC §5.1). Judged by the engine's own filter, so that what a
 * proposal admits is exactly what the engine would count.
 */
export const passesFilters = (rule: Rule, members: readonly string[], c: Credential): boolean => {
  const { modules: _pinned, ...unpinned } = rule;
  const ctx = { rule: unpinned, nested: {}, catalogue: [], institutions: {}, members };
  return whyNotCounted(ctx, unpinned, credentialEntry(c, true), undefined) === null;
};

/** SPEC §5: a proposal that omits `modules` admits every published offering of the members that passes `components`. */
export const defaultModules = (rule: Rule, members: readonly string[], published: readonly Credential[]): string[] =>
  published
    .filter((c) => c.status === 'published' && members.includes(c.institutionId) && passesFilters(rule, members, c))
    .map(moduleRef)
    .sort();

/**
 * The version of a listed module that plans and pathways offer (SPEC §5.1): the latest published
 * version that passes the filters. Versions before the listed one are never offered: the partners
 * agreed to that version, not to its predecessors. `versions` holds the credential's versions from
 * the listed one up to the latest, newest first; a retired module is offered no more.
 */
export const offeredVersion = (
  rule: Rule,
  members: readonly string[],
  listed: number,
  versions: readonly Credential[],
): Credential | undefined =>
  versions.find((c) => c.version >= listed && c.status === 'published' && passesFilters(rule, members, c));

export interface Drift {
  /** Offerings that would be admitted now and that appeared or changed after the version was written. */
  readonly added: string[];
  /** Listed modules with a newer version. */
  readonly changed: { id: string; listed: string; latest: string }[];
  /** Listed modules retired since. */
  readonly retired: string[];
}

/**
 * SPEC §5 `drift`: what the catalogue did since a version was written, for the partners to adopt
 * by amendment. An offering already there when the version was written and left out is a choice
 * of the partners, not drift, so `added` names only offerings written (or rewritten) since.
 */
export const moduleDrift = (
  rule: Rule,
  versionCreatedAt: string,
  members: readonly string[],
  published: readonly Credential[],
  retiredIds: ReadonlySet<string>,
): Drift => {
  if (rule.modules === undefined) return { added: [], changed: [], retired: [] };
  const listed = new Map(rule.modules.map((ref) => [parseModule(ref).id, ref]));
  const latest = new Map(published.map((c) => [c.id, c]));
  const added = published
    .filter(
      (c) =>
        !listed.has(c.id) &&
        c.updatedAt > versionCreatedAt &&
        members.includes(c.institutionId) &&
        passesFilters(rule, members, c),
    )
    .map(moduleRef)
    .sort();
  const changed: Drift['changed'] = [];
  const retired: string[] = [];
  for (const [id, ref] of [...listed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const now = latest.get(id);
    if (now && moduleRef(now) !== ref) changed.push({ id, listed: ref, latest: moduleRef(now) });
    else if (!now && retiredIds.has(id)) retired.push(id);
  }
  return { added, changed, retired };
};
