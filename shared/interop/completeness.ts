import type { Credential } from '../schemas/credential.js';
import type { Institution } from '../schemas/institution.js';
import {
  missingOfferingElements,
  missingRecommendedElements,
  type OfferingElement,
  type RecommendedElement,
} from './standard-elements.js';

/*
 * GET /alliances/{id}/interoperability: per member, how many published credentials are complete
 * and which elements are missing most often — what a coordinator needs before a QA review. Our
 * schema already requires the mandatory EU elements, so "complete" also asks for the recommended
 * ones (standard-elements.ts): supervision, ESCO skills, ISCED-F field, language, workload in
 * hours and an explicit prerequisites statement; and `qaResponsible` for cooperative credentials.
 * Pass the latest version of each credential; retired credentials are not counted.
 */

export type CompletenessElement = OfferingElement | RecommendedElement | 'qaResponsible';

export interface MemberCompleteness {
  institutionId: string;
  credentials: number;
  complete: number;
  incomplete: number;
  missingElements: Partial<Record<CompletenessElement, number>>;
}

export interface CompletenessSummary {
  members: MemberCompleteness[];
  /** Across all members, most often missing first (ties by element name). */
  mostOftenMissing: { element: CompletenessElement; count: number }[];
}

const missingOf = (c: Credential): CompletenessElement[] => [
  ...missingOfferingElements(c),
  ...missingRecommendedElements(c),
];

const ranked = (counts: ReadonlyMap<CompletenessElement, number>) =>
  [...counts]
    .map(([element, count]) => ({ element, count }))
    .sort((a, b) => b.count - a.count || a.element.localeCompare(b.element));

/** Every institution in `institutions` is reported, with zero credentials if it has none. */
export const summariseCompleteness = (
  credentials: readonly Credential[],
  institutions: Readonly<Record<string, Institution>>,
): CompletenessSummary => {
  const published = credentials.filter((c) => c.status === 'published');
  const ids = [...new Set([...Object.keys(institutions), ...published.map((c) => c.institutionId)])].sort();
  const total = new Map<CompletenessElement, number>();
  const members = ids.map((institutionId): MemberCompleteness => {
    const own = published.filter((c) => c.institutionId === institutionId);
    const counts = new Map<CompletenessElement, number>();
    let complete = 0;
    for (const c of own) {
      const missing = missingOf(c);
      if (missing.length === 0) complete += 1;
      for (const e of missing) {
        counts.set(e, (counts.get(e) ?? 0) + 1);
        total.set(e, (total.get(e) ?? 0) + 1);
      }
    }
    return {
      institutionId,
      credentials: own.length,
      complete,
      incomplete: own.length - complete,
      missingElements: Object.fromEntries(ranked(counts).map(({ element, count }) => [element, count])),
    };
  });
  return { members, mostOftenMissing: ranked(total) };
};
