import { SUPERVISION_ORDER } from '../../../shared/schemas/common.js';
import type { ExternalCredential } from '../../../shared/schemas/achievement.js';
import type { Credential } from '../../../shared/schemas/credential.js';
import type { Rule } from '../../../shared/schemas/rule.js';
import type { EngineContext, Held } from '../../../shared/engine/index.js';

/*
 * The brute-force oracle: SPEC §5 read literally, enumerating subsets. It shares no code with the
 * engine and is meant for instances of at most 14 credentials.
 */

export interface OItem {
  key: string;
  cred?: Credential;
  ext?: ExternalCredential;
  issuedOn?: string;
  score?: number;
  added: boolean;
}

const EPS = 1e-9;
const ectsOf = (x: OItem) => x.cred?.ects ?? x.ext?.ects ?? 0;

/** issuedOn is at most `years` before asOf (dates in tests use days ≤ 28, so month arithmetic is plain). */
const recentEnough = (issuedOn: string, asOf: string, years: number): boolean => {
  const [iy, im, id] = issuedOn.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  const months = Math.floor(years * 12 + EPS);
  const shifted = iy * 12 + (im - 1) + months;
  const aMonths = ay * 12 + (am - 1);
  return shifted > aMonths || (shifted === aMonths && id >= ad);
};

export const oCounts = (ctx: EngineContext, rule: Rule, x: OItem, asOf: string | undefined): boolean => {
  const c = rule.components ?? {};
  const e = ectsOf(x);
  if (e < 1 || x.cred?.nanoCredential) return false;
  const eqf = x.cred?.eqfLevel ?? x.ext?.eqfLevel ?? 0;
  if (c.eqfMin !== undefined && eqf < c.eqfMin) return false;
  if (c.ectsMin !== undefined && e < c.ectsMin) return false;
  if (c.ectsMax !== undefined && e > c.ectsMax) return false;
  if (x.cred && (c.stackableOnly ?? true) && x.cred.stackability !== 'stackable') return false;
  const qa = x.cred?.qualityAssurance ?? x.ext?.qualityAssurance;
  if (c.qualityAssurance && !c.qualityAssurance.some((q) => q === qa)) return false;
  if (c.minSupervision) {
    const s = x.cred ? x.cred.supervision : x.ext?.supervision;
    if (!s || SUPERVISION_ORDER.indexOf(s) < SUPERVISION_ORDER.indexOf(c.minSupervision)) return false;
  }
  const achievement = x.ext !== undefined || x.issuedOn !== undefined;
  if (asOf && achievement) {
    const issued = x.ext?.issuedOn ?? x.issuedOn ?? '';
    if (c.maxAgeYears !== undefined && !recentEnough(issued, asOf, c.maxAgeYears)) return false;
    const score = x.ext ? x.ext.score : x.score;
    if (c.minScore !== undefined && (score === undefined || score < c.minScore)) return false;
  }
  if (x.cred && (rule.membersOnly ?? true) && !ctx.members.includes(x.cred.institutionId)) return false;
  return true;
};

export const matchesReq = (rule: Rule, r: number, x: OItem): boolean => {
  const from = rule.requirements?.[r]?.from;
  if (!from) return false;
  if (x.cred && from.credentials?.includes(x.cred.id)) return true;
  const area = x.cred?.subjectArea ?? x.ext?.subjectArea;
  if (area && from.subjectAreas?.some((s) => area.slice(0, s.length) === s)) return true;
  return (x.cred?.skills ?? []).some((s) => from.skills?.includes(s) ?? false);
};

const allocationExists = (rule: Rule, T: OItem[]): boolean => {
  const reqs = rule.requirements ?? [];
  if (reqs.length === 0) return true;
  const gotEcts = reqs.map(() => 0);
  const gotCount = reqs.map(() => 0);
  const ok = () =>
    reqs.every((q, r) => (gotEcts[r] ?? 0) + EPS >= (q.minEcts ?? 0) && (gotCount[r] ?? 0) >= (q.minCount ?? 0));
  // Every way of giving each credential to one requirement it matches or to none. Requirements ask
  // only for minimums, so the search stops once they are met (the rest stay electives), and giving
  // is tried before keeping back: large valid sets then take milliseconds, not seconds.
  const go = (k: number): boolean => {
    if (ok()) return true;
    if (k === T.length) return false;
    const x = T[k] as OItem;
    for (let r = 0; r < reqs.length; r++) {
      if (!matchesReq(rule, r, x)) continue;
      gotEcts[r] = (gotEcts[r] ?? 0) + ectsOf(x);
      gotCount[r] = (gotCount[r] ?? 0) + 1;
      const found = go(k + 1);
      gotEcts[r] = (gotEcts[r] ?? 0) - ectsOf(x);
      gotCount[r] = (gotCount[r] ?? 0) - 1;
      if (found) return true;
    }
    return go(k + 1);
  };
  return go(0);
};

/** T (every member counting) satisfies `rule` as a whole. */
export const oFeasible = (
  ctx: EngineContext,
  rule: Rule,
  T: OItem[],
  asOf: string | undefined,
  chain: string[] = [],
): boolean => {
  if (!T.every((x) => oCounts(ctx, rule, x, asOf))) return false;
  const ids = T.flatMap((x) => (x.cred ? [x.cred.id] : []));
  if (new Set(ids).size !== ids.length) return false;
  for (const group of rule.exclusions ?? []) if (ids.filter((id) => group.includes(id)).length > 1) return false;
  const ext = T.filter((x) => x.ext).reduce((s, x) => s + ectsOf(x), 0);
  if (ext > (rule.externalMaxEcts ?? 0) + EPS) return false;
  for (const b of rule.institutions ?? []) {
    const mine = T.filter((x) => x.cred?.institutionId === b.id);
    const e = mine.reduce((s, x) => s + ectsOf(x), 0);
    if (b.minCount !== undefined && mine.length < b.minCount) return false;
    if (b.maxCount !== undefined && mine.length > b.maxCount) return false;
    if (b.minEcts !== undefined && e + EPS < b.minEcts) return false;
    if (b.maxEcts !== undefined && e > b.maxEcts + EPS) return false;
  }
  const total = T.reduce((s, x) => s + ectsOf(x), 0);
  if (total + EPS < rule.ects.min || total > rule.ects.max + EPS) return false;
  const insts = new Set(
    T.map((x) => (x.cred ? x.cred.institutionId : `ext:${(x.ext?.issuer ?? '').trim().toLowerCase()}`)),
  );
  if (insts.size < (rule.minInstitutions ?? 0)) return false;
  const countries = new Set(
    T.flatMap((x) => {
      const c = x.cred ? ctx.institutions[x.cred.institutionId]?.country : x.ext?.country;
      return c ? [c] : [];
    }),
  );
  if (countries.size < (rule.minCountries ?? 0)) return false;
  if (!allocationExists(rule, T)) return false;
  const progs = rule.programmes ?? [];
  if (progs.length === 0) return true;
  // Each credential goes to one nested programme or none; each part must be a composition of it.
  const part: number[] = T.map(() => -1);
  const go = (k: number): boolean => {
    if (k === T.length) {
      return progs.every((id, pi) => {
        const nested = ctx.nested[id];
        if (!nested || chain.includes(id)) return false;
        const mine = T.filter((_, i) => part[i] === pi).map((x) => ({ ...x, added: false }));
        return oFeasible(ctx, nested, mine, asOf, [...chain, id]);
      });
    }
    for (let pi = -1; pi < progs.length; pi++) {
      part[k] = pi;
      if (go(k + 1)) return true;
    }
    return false;
  };
  return go(0);
};

export const subsets = <T>(xs: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let m = 0; m < 1 << xs.length; m++) out.push(xs.filter((_, i) => (m >> i) & 1));
  return out;
};

export const fromHeld = (h: Held): OItem =>
  h.kind === 'registry'
    ? {
        key: h.key,
        cred: h.credential,
        issuedOn: h.issuedOn,
        ...(h.score === undefined ? {} : { score: h.score }),
        added: false,
      }
    : { key: h.key, ext: h.external, added: false };

export const oStackValid = (ctx: EngineContext, set: Credential[]): boolean =>
  subsets(set.map((c) => ({ key: c.id, cred: c, added: false }))).some((T) => oFeasible(ctx, ctx.rule, T, undefined));

/** Minimum (additional ECTS, added count) over plans, or null when none completes the programme. */
export interface OPreferences {
  languages?: readonly string[];
  participation?: readonly string[];
}

/** Preferences an offering misses: a language (compared by primary subtag), a form of participation. */
const oMisses = (c: Credential | undefined, prefs: OPreferences | undefined): number => {
  if (!c || !prefs) return 0;
  const primary = (t: string) => (t.split('-')[0] ?? '').toLowerCase();
  let misses = 0;
  if (
    prefs.languages?.length &&
    !(c.language ?? []).some((l) => prefs.languages?.some((w) => primary(w) === primary(l)))
  )
    misses++;
  if (prefs.participation?.length && !prefs.participation.includes(c.participation)) misses++;
  return misses;
};

/**
 * Minimum (additional ECTS, added count, then preferences missed) over plans, or null when none
 * completes the programme.
 */
export const oBestPlan = (
  ctx: EngineContext,
  held: OItem[],
  asOf: string | undefined,
  prefs?: OPreferences,
): { ects: number; count: number; misses: number } | null => {
  const heldIds = new Set(held.flatMap((x) => (x.cred ? [x.cred.id] : [])));
  // Re-earning: a credential held only in versions too old or scored too low may be taken again.
  const retake = new Set(
    [...heldIds].filter((id) =>
      held
        .filter((x) => x.cred?.id === id)
        .every(
          (x) =>
            !oCounts(ctx, ctx.rule, x, asOf) &&
            oCounts(ctx, ctx.rule, { key: x.key, ...(x.cred ? { cred: x.cred } : {}), added: false }, asOf),
        ),
    ),
  );
  const offers: OItem[] = ctx.catalogue
    .filter((c) => c.status === 'published' && (!heldIds.has(c.id) || retake.has(c.id)))
    .map((c) => ({ key: c.id, cred: c, added: true }));
  const pool = [...held, ...offers].filter((x) => oCounts(ctx, ctx.rule, x, asOf));
  const idOf = (ref: string) => ref.split('@')[0] ?? ref;
  let best: { ects: number; count: number; misses: number } | null = null;
  for (const T of subsets(pool)) {
    const add = T.filter((x) => x.added);
    // Prerequisites: each added credential's are held or added too.
    if (
      !add.every((x) =>
        (x.cred?.prerequisites ?? []).every(
          (ref) => heldIds.has(idOf(ref)) || add.some((y) => y.cred?.id === idOf(ref)),
        ),
      )
    )
      continue;
    const ects = add.reduce((s, x) => s + ectsOf(x), 0);
    const misses = add.reduce((s, x) => s + oMisses(x.cred, prefs), 0);
    if (best) {
      const worse =
        ects > best.ects + EPS ||
        (Math.abs(ects - best.ects) < EPS &&
          (add.length > best.count || (add.length === best.count && misses >= best.misses)));
      if (worse) continue;
    }
    // Offerings to add carry no issuedOn, so the age and score filters apply to held items only.
    if (oFeasible(ctx, ctx.rule, T, asOf)) best = { ects, count: add.length, misses };
  }
  return best;
};

export const oPathwayCount = (ctx: EngineContext, include: string[] = [], exclude: string[] = []): number =>
  subsets(
    ctx.catalogue
      .filter((c) => c.status === 'published' && !exclude.includes(c.id))
      .map((c) => ({ key: c.id, cred: c, added: false })),
  ).filter((S) => include.every((id) => S.some((x) => x.key === id)) && oFeasible(ctx, ctx.rule, S, undefined)).length;
