import type { Rule } from '../schemas/rule.js';
import { chooseScale, maxUnits, minUnits, toUnits } from './ects-units.js';
import { entryEcts, externalMaxEcts, whyNotCounted } from './filters.js';
import type { Credential } from '../schemas/credential.js';
import type { EngineContext, Entry, Violation } from './types.js';

/** Requirements with a positive minimum, and the feature vector that decides their allocation. */
export interface FeatureSpec {
  /** Active requirements: index into Problem.reqs, with their minimums in units. */
  reqs: { req: number; minCount: number; minUnits: number }[];
  /** Credentials matching two or more active requirements, grouped by (requirements, units). */
  types: { reqs: number[]; units: number; cap: number }[];
  /** Dimension caps: [count_r, units_r] per active requirement, then one count per type. */
  caps: number[];
}

export interface Item {
  idx: number;
  entry: Entry;
  units: number;
  /** Plan cost: 0 for what is held; units·big + 1 for an offering to add (lexicographic ECTS, count). */
  cost: number;
  block: number;
  /** Distinct-institution key (an external credential's issuer counts as its own institution). */
  instKey: string;
  country: string | undefined;
  groups: number[];
  /** Indices into Problem.reqs whose `from` matches. */
  reqs: number[];
  /** Feature increments as [dimension, amount] pairs. */
  feats: [number, number][];
  /** Positions in spec.reqs (active requirements) this item may be allocated to. */
  serves: number[];
  /** Everything but nested programmes that makes two offerings of one block interchangeable. */
  classKey: string;
}

export interface Block {
  /** Institution id, or 'external' for the block of external credentials. */
  id: string;
  external: boolean;
  country: string | undefined;
  items: number[];
  minCount: number;
  maxCount: number;
  minUnits: number;
  maxUnits: number;
  /** True when the rule names this institution with a count bound. */
  countBounded: boolean;
}

export interface Problem {
  ctx: EngineContext;
  rule: Rule;
  asOf: string | undefined;
  /** Programme ids on the path to this rule, to stop a cycle of nested programmes. */
  chain: string[];
  scale: number;
  big: number;
  /**
   * Preferences break ties below ECTS and count: an added offering costs (units·big + 1)·tieScale +
   * its mismatches, tieScale exceeding every plan's total mismatches (1 when no preference is given).
   */
  tieScale: number;
  items: Item[];
  notCounted: { entry: Entry; why: Violation }[];
  blocks: Block[];
  /** Exclusion groups (explicit ones first, by index in rule.exclusions; then one per repeated id). */
  groups: { name: string; items: number[] }[];
  reqs: { id: string; title: string; minCount: number; minUnits: number }[];
  spec: FeatureSpec;
  lo: number;
  hi: number;
  minInstitutions: number;
  minCountries: number;
  /**
   * Prerequisites a plan must respect (SPEC §5): [item, prerequisite] pairs of offerings to add, the
   * first only with the second. Set by the eligibility plan (prerequisites.ts); empty elsewhere.
   */
  requires: [number, number][];
}

const matches = (rule: Rule, reqIdx: number, e: Entry): boolean => {
  const from = rule.requirements?.[reqIdx]?.from;
  if (!from) return false;
  const id = e.credentialId;
  if (id !== undefined && from.credentials?.includes(id)) return true;
  const area = e.credential?.subjectArea ?? e.external?.subjectArea;
  // An ISCED code names a field and everything below it: "06" matches "0613".
  if (area !== undefined && from.subjectAreas?.some((code) => area.startsWith(code))) return true;
  const skills = e.credential?.skills ?? [];
  return from.skills?.some((s) => skills.includes(s)) ?? false;
};

/** What the rule alone decides about an entry: whether it counts, and which requirements it may serve. */
interface EntryFacts {
  why: Violation | null;
  matched: number[];
}

const factsOf = (ctx: EngineContext, rule: Rule, entry: Entry, asOf: string | undefined): EntryFacts => {
  const why = whyNotCounted(ctx, rule, entry, asOf);
  const matched: number[] = [];
  if (!why) for (let r = 0; r < (rule.requirements?.length ?? 0); r++) if (matches(rule, r, entry)) matched.push(r);
  return { why, matched };
};

/*
 * A registry credential's facts depend on the context, the rule and the credential alone (not on
 * the date, which only held achievements' age and score are judged by). A warm snapshot keeps all
 * three objects from one request to the next, so the catalogue is matched against the rule once
 * per snapshot rather than once per answer: at 1,000 offerings that was a fifth of a typical plan.
 */
const factsCache = new WeakMap<EngineContext, WeakMap<Rule, WeakMap<Credential, EntryFacts>>>();

const entryFacts = (ctx: EngineContext, rule: Rule, entry: Entry, asOf: string | undefined): EntryFacts => {
  const c = entry.credential;
  if (!c || entry.achievement || entry.external) return factsOf(ctx, rule, entry, asOf);
  let byRule = factsCache.get(ctx);
  if (!byRule) factsCache.set(ctx, (byRule = new WeakMap()));
  let byCredential = byRule.get(rule);
  if (!byCredential) byRule.set(rule, (byCredential = new WeakMap()));
  let facts = byCredential.get(c);
  if (!facts) byCredential.set(c, (facts = factsOf(ctx, rule, entry, asOf)));
  return facts;
};

export const compile = (
  ctx: EngineContext,
  rule: Rule,
  entries: readonly Entry[],
  asOf: string | undefined,
  chain: string[],
): Problem => {
  const counted: Entry[] = [];
  const matchedOf: number[][] = [];
  const notCounted: Problem['notCounted'] = [];
  for (const entry of entries) {
    const { why, matched } = entryFacts(ctx, rule, entry, asOf);
    if (why) notCounted.push({ entry, why });
    else {
      counted.push(entry);
      matchedOf.push(matched);
    }
  }
  const scale = chooseScale(counted.map(entryEcts));
  const big = entries.length + 1;
  const tieScale = entries.some((e) => (e.mismatch ?? 0) > 0) ? 2 * entries.length + 1 : 1;

  const blocks: Block[] = [];
  const blockOf = new Map<string, number>();
  const blockFor = (id: string, external: boolean): number => {
    const known = blockOf.get(id);
    if (known !== undefined) return known;
    const bounds = external ? undefined : rule.institutions?.find((b) => b.id === id);
    const cap = external ? maxUnits(externalMaxEcts(rule), scale) : Number.MAX_SAFE_INTEGER;
    blocks.push({
      id,
      external,
      country: external ? undefined : ctx.institutions[id]?.country,
      items: [],
      minCount: bounds?.minCount ?? 0,
      maxCount: bounds?.maxCount ?? Number.MAX_SAFE_INTEGER,
      minUnits: bounds?.minEcts === undefined ? 0 : minUnits(bounds.minEcts, scale),
      maxUnits: bounds?.maxEcts === undefined ? cap : maxUnits(bounds.maxEcts, scale),
      countBounded: bounds?.minCount !== undefined || bounds?.maxCount !== undefined,
    });
    blockOf.set(id, blocks.length - 1);
    return blocks.length - 1;
  };
  for (const b of rule.institutions ?? []) blockFor(b.id, false);

  const reqs = (rule.requirements ?? []).map((q) => ({
    id: q.id,
    title: q.title,
    minCount: q.minCount ?? 0,
    minUnits: q.minEcts === undefined ? 0 : minUnits(q.minEcts, scale),
  }));
  const active = reqs.flatMap((q, req) =>
    q.minCount > 0 || q.minUnits > 0 ? [{ req, minCount: q.minCount, minUnits: q.minUnits }] : [],
  );
  const activePos = new Map(active.map((a, pos) => [a.req, pos]));
  const spec: FeatureSpec = { reqs: active, types: [], caps: active.flatMap((a) => [a.minCount, a.minUnits]) };
  const typeOf = new Map<string, number>();

  const items: Item[] = counted.map((entry, idx) => {
    const units = toUnits(entryEcts(entry), scale);
    const external = entry.external !== undefined;
    const instId = entry.credential?.institutionId ?? 'external';
    const matched = matchedOf[idx] ?? [];
    const act: number[] = [];
    for (const r of matched) {
      const pos = activePos.get(r);
      if (pos !== undefined) act.push(pos);
    }
    let feats: [number, number][] = [];
    if (act.length === 1) {
      const p = act[0] ?? 0;
      feats = [
        [2 * p, 1],
        [2 * p + 1, units],
      ];
    } else if (act.length > 1) {
      const key = `${act.join(',')}|${units}`;
      let t = typeOf.get(key);
      if (t === undefined) {
        // More credentials of one type than this never change whether an allocation exists.
        const cap = act.reduce((s, p) => {
          const a = active[p];
          return a ? s + Math.max(a.minCount, Math.ceil(a.minUnits / units)) : s;
        }, 0);
        t = spec.types.length;
        spec.types.push({ reqs: act, units, cap });
        typeOf.set(key, t);
      }
      feats = [[2 * active.length + t, 1]];
    }
    const block = blockFor(instId, external);
    blocks[block]?.items.push(idx);
    const cost = entry.added ? (units * big + 1) * tieScale + (entry.mismatch ?? 0) : 0;
    const instKey = external ? `external:${(entry.external?.issuer ?? '').trim().toLowerCase()}` : instId;
    const country = external ? entry.external?.country : ctx.institutions[instId]?.country;
    return {
      idx,
      entry,
      units,
      cost,
      block,
      instKey,
      country,
      groups: [],
      reqs: matched,
      feats,
      serves: act,
      classKey: `${units}|${cost}|${feats.map(([d, x]) => `${d},${x}`).join(',')}|${instKey}|${country ?? ''}`,
    };
  });
  spec.caps.push(...spec.types.map((t) => t.cap));

  const groups: Problem['groups'] = [];
  const itemsById = new Map<string, number[]>();
  for (const it of items) {
    const id = it.entry.credentialId;
    if (id !== undefined) itemsById.set(id, [...(itemsById.get(id) ?? []), it.idx]);
  }
  (rule.exclusions ?? []).forEach((ids, g) => {
    groups.push({
      name: `exclusions.${g}`,
      items: [...new Set(ids)].flatMap((id) => itemsById.get(id) ?? []).sort((a, b) => a - b),
    });
  });
  // SPEC §5.2: two versions of one credential are one credential.
  for (const [id, idxs] of itemsById) if (idxs.length > 1) groups.push({ name: `once.${id}`, items: idxs });
  groups.forEach((g, gi) => {
    if (g.items.length > 1) for (const i of g.items) items[i]?.groups.push(gi);
  });

  return {
    ctx,
    rule,
    asOf,
    chain,
    scale,
    big,
    tieScale,
    items,
    notCounted,
    blocks,
    groups,
    reqs,
    spec,
    lo: minUnits(rule.ects.min, scale),
    hi: maxUnits(rule.ects.max, scale),
    minInstitutions: rule.minInstitutions ?? 0,
    minCountries: rule.minCountries ?? 0,
    requires: [],
  };
};
