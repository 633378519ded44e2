import type { Credential } from '../../schemas/credential.js';
import type { CatalogueFilter } from '../../ports/credential-repository.js';
import { keys } from './keys.js';

/*
 * The catalogue is served by "entry" items: one per facet value of each published credential
 * (docs/data-model.md). A filter then reads one partition instead of scanning the table.
 */

/** Every partition a published credential is listed under. A subject code is listed under each of its prefixes, so "06" finds "0613". */
export const facetPartitions = (c: Credential): string[] => {
  const partitions = [keys.catalogueAll(), keys.catalogueInstitution(c.institutionId), keys.catalogueEqf(c.eqfLevel)];
  if (c.subjectArea) {
    for (let n = 2; n <= c.subjectArea.length; n++) partitions.push(keys.catalogueSubject(c.subjectArea.slice(0, n)));
  }
  for (const skill of c.skills ?? []) partitions.push(keys.catalogueSkill(skill));
  return partitions;
};

/** The most selective partition for a filter: a skill or subject is rarer than an institution, which is rarer than a level. */
export const partitionFor = (f: CatalogueFilter): string => {
  if (f.skill !== undefined) return keys.catalogueSkill(f.skill);
  if (f.subjectArea !== undefined) return keys.catalogueSubject(f.subjectArea);
  if (f.institution !== undefined) return keys.catalogueInstitution(f.institution);
  if (f.eqfLevel !== undefined) return keys.catalogueEqf(f.eqfLevel);
  return keys.catalogueAll();
};

const fold = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Every filter, checked on the entry read; the chosen partition already satisfies one of them. */
export const matchesFilter = (f: CatalogueFilter) => {
  const words = f.q ? fold(f.q).split(/\s+/).filter(Boolean) : [];
  return (c: Credential): boolean => {
    if (f.institution !== undefined && c.institutionId !== f.institution) return false;
    if (f.eqfLevel !== undefined && c.eqfLevel !== f.eqfLevel) return false;
    if (f.subjectArea !== undefined && !(c.subjectArea ?? '').startsWith(f.subjectArea)) return false;
    if (f.skill !== undefined && !(c.skills ?? []).includes(f.skill)) return false;
    if (words.length > 0) {
      // `q`: every word must occur in the title (in any language, SPEC §3), a learning outcome or the further information.
      const haystack = fold([c.title, ...Object.values(c.titles ?? {}), ...c.learningOutcomes, c.furtherInfo ?? ''].join('\n'));
      if (!words.every((w) => haystack.includes(w))) return false;
    }
    return true;
  };
};
