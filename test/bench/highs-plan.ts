import highsModule from 'highs';
import type { EngineContext, Held } from '../../shared/engine/index.js';
import type { Credential } from '../../shared/schemas/credential.js';

/*
 * The eligibility plan as a MIP for HiGHS, written from the rule directly (it shares no code with
 * the engine): binary x_c per credential (held ones free, offerings cost 1000·ECTS + 1, which
 * orders by ECTS then count since fewer than 1000 are added), binary a_{c,r} allocating c to a
 * requirement it matches, exclusion groups, institution bounds, the ECTS range, and indicator
 * variables for distinct institutions and countries, prerequisites. Covers what bench instances use:
 * registry credentials only, no nested programmes, no age or score limits.
 */

export interface HighsLike {
  solve(problem: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number };
}

// highs ships CommonJS typings for its ES module build: at run time the default import is the loader.
export const loadHighs = highsModule as unknown as () => Promise<HighsLike>;

export const planModel = (ctx: EngineContext, held: readonly Held[]): string => {
  const rule = ctx.rule;
  const heldCreds = held.flatMap((h) => (h.kind === 'registry' ? [h.credential] : []));
  const heldIds = new Set(heldCreds.map((c) => c.id));
  const offers = ctx.catalogue.filter((c) => c.status === 'published' && !heldIds.has(c.id));
  const ok = (c: Credential) =>
    c.ects >= 1 &&
    !c.nanoCredential &&
    c.eqfLevel >= (rule.components?.eqfMin ?? 0) &&
    ((rule.components?.stackableOnly ?? true) ? c.stackability === 'stackable' : true) &&
    (!(rule.membersOnly ?? true) || ctx.members.includes(c.institutionId));
  const cs = [...heldCreds.map((c) => ({ c, held: true })), ...offers.map((c) => ({ c, held: false }))].filter((x) =>
    ok(x.c),
  );
  const x = (i: number) => `x${i}`;
  const rows: string[] = [];
  const sum = (terms: string[]) => (terms.length ? terms.join(' + ') : '0 x0');
  const objective = cs.map((v, i) => (v.held ? '' : `${v.c.ects * 1000 + 1} ${x(i)}`)).filter(Boolean);
  const total = cs.map((v, i) => `${v.c.ects} ${x(i)}`);
  rows.push(`tmin: ${sum(total)} >= ${rule.ects.min}`, `tmax: ${sum(total)} <= ${rule.ects.max}`);
  const binaries = cs.map((_, i) => x(i));
  for (const b of rule.institutions ?? []) {
    const mine = cs.flatMap((v, i) => (v.c.institutionId === b.id ? [i] : []));
    const n = mine.map((i) => x(i));
    const e = mine.map((i) => `${cs[i]?.c.ects ?? 0} ${x(i)}`);
    if (b.minCount !== undefined) rows.push(`${b.id}_cmin: ${sum(n)} >= ${b.minCount}`);
    if (b.maxCount !== undefined) rows.push(`${b.id}_cmax: ${sum(n)} <= ${b.maxCount}`);
    if (b.minEcts !== undefined) rows.push(`${b.id}_emin: ${sum(e)} >= ${b.minEcts}`);
    if (b.maxEcts !== undefined) rows.push(`${b.id}_emax: ${sum(e)} <= ${b.maxEcts}`);
  }
  (rule.exclusions ?? []).forEach((g, k) => {
    const mine = cs.flatMap((v, i) => (g.includes(v.c.id) ? [x(i)] : []));
    if (mine.length > 1) rows.push(`ex${k}: ${sum(mine)} <= 1`);
  });
  // Prerequisites: an offering only with each prerequisite held or added too.
  const index = new Map(cs.flatMap((v, i) => (v.held ? [] : [[v.c.id, i] as const])));
  cs.forEach((v, i) => {
    if (v.held) return;
    for (const ref of v.c.prerequisites ?? []) {
      const id = ref.split('@')[0] ?? ref;
      if (heldIds.has(id) || id === v.c.id) continue;
      const j = index.get(id);
      rows.push(
        j === undefined ? `pre${i}_${rows.length}: ${x(i)} <= 0` : `pre${i}_${rows.length}: ${x(i)} - ${x(j)} <= 0`,
      );
    }
  });
  const reqs = rule.requirements ?? [];
  const uses = new Map<number, string[]>();
  reqs.forEach((q, r) => {
    const a: string[] = [];
    const e: string[] = [];
    cs.forEach((v, i) => {
      const area = v.c.subjectArea ?? '';
      const hit =
        (q.from.credentials?.includes(v.c.id) ?? false) ||
        (q.from.subjectAreas?.some((s) => area.startsWith(s)) ?? false) ||
        (v.c.skills ?? []).some((s) => q.from.skills?.includes(s) ?? false);
      if (!hit) return;
      const name = `a${i}_${r}`;
      binaries.push(name);
      a.push(name);
      e.push(`${v.c.ects} ${name}`);
      uses.set(i, [...(uses.get(i) ?? []), name]);
    });
    if (q.minCount) rows.push(`q${r}_c: ${sum(a)} >= ${q.minCount}`);
    if (q.minEcts) rows.push(`q${r}_e: ${sum(e)} >= ${q.minEcts}`);
  });
  for (const [i, names] of uses) rows.push(`one${i}: ${names.join(' + ')} - ${x(i)} <= 0`);
  const indicator = (prefix: string, keyOf: (c: Credential) => string, min: number) => {
    if (!min) return;
    const keys = [...new Set(cs.map((v) => keyOf(v.c)))];
    keys.forEach((k, j) => {
      const mine = cs.flatMap((v, i) => (keyOf(v.c) === k ? [x(i)] : []));
      binaries.push(`${prefix}${j}`);
      rows.push(`${prefix}${j}_on: ${prefix}${j} - ${mine.join(' - ')} <= 0`);
    });
    rows.push(`${prefix}_min: ${keys.map((_, j) => `${prefix}${j}`).join(' + ')} >= ${min}`);
  };
  indicator('y', (c) => c.institutionId, rule.minInstitutions ?? 0);
  indicator('z', (c) => ctx.institutions[c.institutionId]?.country ?? '?', rule.minCountries ?? 0);
  return `Minimize\n obj: ${objective.length ? objective.join(' + ') : '0 x0'}\nSubject To\n ${rows.join('\n ')}\nBinary\n ${binaries.join(' ')}\nEnd\n`;
};

/** Optimal objective (1000·ECTS + count), or null when infeasible. */
export const solvePlan = (highs: HighsLike, ctx: EngineContext, held: readonly Held[]): number | null => {
  const res = highs.solve(planModel(ctx, held), {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 1e-6,
    presolve: 'on',
  });
  if (res.Status === 'Infeasible') return null;
  if (res.Status !== 'Optimal') throw new Error(`HiGHS ended with status ${res.Status}`);
  return Math.round(res.ObjectiveValue);
};
