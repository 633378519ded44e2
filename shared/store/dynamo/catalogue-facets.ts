import * as z from 'zod/mini';
import { Credential } from '../../schemas/credential.js';
import type { CatalogueFilter } from '../../ports/credential-repository.js';
import { keys } from './keys.js';

/*
 * The catalogue is served by "entry" items: one per facet value of each published credential
 * (docs/data-model.md). A filter then reads one partition instead of scanning the table.
 *
 * Only the entries of `CAT#all` and of the institution's partition carry the whole credential: the
 * engine and `q` searches read those. Level, subject and skill entries carry a small projection, so
 * a credential of 50 long learning outcomes and 40 skills is not copied 47 times into one
 * transaction (DynamoDB refuses transactions above 4 MB); a page of them is completed from the heads.
 */

/** What a facet entry carries: enough to filter on every facet and to find the head. */
export const CatalogueEntry = z.object({
  id: z.string(),
  version: z.number(),
  institutionId: z.string(),
  eqfLevel: z.number(),
  subjectArea: z.optional(z.string()),
  skills: z.optional(z.array(z.string())),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;

const project = (c: Credential): CatalogueEntry => ({
  id: c.id,
  version: c.version,
  institutionId: c.institutionId,
  eqfLevel: c.eqfLevel,
  ...(c.subjectArea ? { subjectArea: c.subjectArea } : {}),
  ...(c.skills ? { skills: c.skills } : {}),
});

/** True for the partitions whose entries carry the whole credential. */
export const holdsWholeCredentials = (partition: string): boolean =>
  partition === keys.catalogueAll() || partition.startsWith(keys.catalogueInstitution(''));

/** Every partition a published credential is listed under. A subject code is listed under each of its prefixes, so "06" finds "0613". */
export const facetPartitions = (c: Credential): string[] => {
  const partitions = [keys.catalogueAll(), keys.catalogueInstitution(c.institutionId), keys.catalogueEqf(c.eqfLevel)];
  if (c.subjectArea) {
    for (let n = 2; n <= c.subjectArea.length; n++) partitions.push(keys.catalogueSubject(c.subjectArea.slice(0, n)));
  }
  for (const skill of c.skills ?? []) partitions.push(keys.catalogueSkill(skill));
  return partitions;
};

/** The data of a credential's entry in `partition`: the whole credential or its projection. */
export const entryData = (partition: string, c: Credential): Credential | CatalogueEntry =>
  holdsWholeCredentials(partition) ? c : project(c);

/**
 * The partition to read for a filter. `q` searches text only whole credentials carry, so it reads
 * the institution's partition or `CAT#all`; otherwise the most selective facet: a skill or subject
 * is rarer than an institution, which is rarer than a level.
 */
export const partitionFor = (f: CatalogueFilter): string => {
  if (f.q !== undefined)
    return f.institution !== undefined ? keys.catalogueInstitution(f.institution) : keys.catalogueAll();
  if (f.skill !== undefined) return keys.catalogueSkill(f.skill);
  if (f.subjectArea !== undefined) return keys.catalogueSubject(f.subjectArea);
  if (f.institution !== undefined) return keys.catalogueInstitution(f.institution);
  if (f.eqfLevel !== undefined) return keys.catalogueEqf(f.eqfLevel);
  return keys.catalogueAll();
};

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The facet filters, which an entry's projection can answer. */
export const matchesFacets =
  (f: CatalogueFilter) =>
  (c: CatalogueEntry): boolean => {
    if (f.institution !== undefined && c.institutionId !== f.institution) return false;
    if (f.eqfLevel !== undefined && c.eqfLevel !== f.eqfLevel) return false;
    if (f.subjectArea !== undefined && !(c.subjectArea ?? '').startsWith(f.subjectArea)) return false;
    if (f.skill !== undefined && !(c.skills ?? []).includes(f.skill)) return false;
    return true;
  };

/** Every filter, checked on a whole credential; the chosen partition already satisfies one of them. */
export const matchesFilter = (f: CatalogueFilter) => {
  const facets = matchesFacets(f);
  const words = f.q ? fold(f.q).split(/\s+/).filter(Boolean) : [];
  return (c: Credential): boolean => {
    if (!facets(c)) return false;
    if (words.length > 0) {
      // `q`: every word must occur in the title (in any language, SPEC §3), a learning outcome or the further information.
      const haystack = fold(
        [c.title, ...Object.values(c.titles ?? {}), ...c.learningOutcomes, c.furtherInfo ?? ''].join('\n'),
      );
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  };
};

export const parseEntry = (item: Record<string, unknown>): CatalogueEntry => CatalogueEntry.parse(item.data);
export const parseWhole = (item: Record<string, unknown>): Credential => Credential.parse(item.data);
