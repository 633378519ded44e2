import type { Rule } from '../schemas/rule.js';
import type { Problem } from './compile.js';

/*
 * The compiled problem as a mixed-integer programme, for an exact MIP solver to finish what the
 * specialised search could not prove within its share of the budget (docs/engine.md, "Exact
 * fallback"). It is written from the compiled problem, so it sees exactly what the search sees:
 * counted items and their costs, institution blocks with their bounds (the external block's cap
 * included), exclusion groups, the allocation to requirements with positive minimums, the ECTS
 * range and the distinct institution and country minimums. Nested programmes are not modelled:
 * `mipApplies` says when the model is the whole problem.
 *
 * Variables: x_i (item i is in the composition), a_i_r (item i is allocated to active requirement
 * position r), and indicators for distinct institutions and countries. All coefficients are whole
 * numbers (units and costs are integers after compilation).
 */

/** A loaded MIP solver: HiGHS's `solve` in the shape this module uses. */
export interface MipSolver {
  solve(
    model: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue?: number; Columns?: Record<string, { Primal?: number }> };
}

export interface MipResult {
  status: 'optimal' | 'infeasible' | 'unknown';
  items: number[] | null;
}

/** How long the specialised search may try before the MIP takes over, when a solver is at hand. */
export const DEFAULT_SEARCH_SHARE_MS = 25;

/** Nested programmes are not modelled, so the MIP is the whole problem only for rules without them. */
export const mipAppliesTo = (rule: Rule): boolean => (rule.programmes?.length ?? 0) === 0;
export const mipApplies = (p: Problem): boolean => mipAppliesTo(p.rule);

const terms = (coefVars: readonly [number, string][]): string =>
  coefVars
    .filter(([c]) => c !== 0)
    .map(([c, v], k) => `${k === 0 ? (c < 0 ? '-' : '') : c < 0 ? ' - ' : ' + '}${Math.abs(c)} ${v}`)
    .join('');

/** The model in CPLEX LP format, or null when a bound with nothing to meet it is already broken. */
export const planModel = (p: Problem): string | null => {
  const rows: string[] = [];
  const binaries: string[] = [];
  let broken = false;
  const row = (name: string, lhs: [number, string][], sense: '>=' | '<=', rhs: number) => {
    const live = lhs.filter(([c]) => c !== 0);
    if (live.length === 0) {
      if (sense === '>=' ? rhs > 0 : rhs < 0) broken = true;
      return;
    }
    rows.push(`${name}: ${terms(live)} ${sense} ${rhs}`);
  };
  const x = (i: number) => `x${i}`;
  for (const it of p.items) binaries.push(x(it.idx));

  const units = p.items.map((it): [number, string] => [it.units, x(it.idx)]);
  row('total_min', units, '>=', p.lo);
  row('total_max', units, '<=', p.hi);

  p.blocks.forEach((b, bi) => {
    const mine = b.items.flatMap((i) => { const it = p.items[i]; return it ? [it] : []; });
    const count = mine.map((it): [number, string] => [1, x(it.idx)]);
    const sizes = mine.map((it): [number, string] => [it.units, x(it.idx)]);
    if (b.minCount > 0) row(`b${bi}_cmin`, count, '>=', b.minCount);
    if (b.maxCount < mine.length) row(`b${bi}_cmax`, count, '<=', b.maxCount);
    if (b.minUnits > 0) row(`b${bi}_umin`, sizes, '>=', b.minUnits);
    if (b.maxUnits < p.hi) row(`b${bi}_umax`, sizes, '<=', b.maxUnits);
  });

  p.groups.forEach((g, gi) => {
    if (g.items.length > 1) row(`g${gi}`, g.items.map((i): [number, string] => [1, x(i)]), '<=', 1);
  });

  // SPEC §5.4: each credential is allocated to at most one requirement it matches.
  const alloc = p.spec.reqs.map(() => [] as { units: number; name: string }[]);
  for (const it of p.items) {
    if (it.serves.length === 0) continue;
    const names = it.serves.map((r) => {
      const name = `a${it.idx}_${r}`;
      binaries.push(name);
      alloc[r]?.push({ units: it.units, name });
      return name;
    });
    row(`one${it.idx}`, [...names.map((n): [number, string] => [1, n]), [-1, x(it.idx)]], '<=', 0);
  }
  p.spec.reqs.forEach((q, r) => {
    const mine = alloc[r] ?? [];
    if (q.minCount > 0) row(`r${r}_c`, mine.map((a): [number, string] => [1, a.name]), '>=', q.minCount);
    if (q.minUnits > 0) row(`r${r}_u`, mine.map((a): [number, string] => [a.units, a.name]), '>=', q.minUnits);
  });

  // Distinct institutions and countries: an indicator may be 1 only if one of its items is chosen.
  const distinct = (prefix: string, keyOf: (i: number) => string | undefined, min: number) => {
    if (min <= 0) return;
    const byKey = new Map<string, number[]>();
    for (const it of p.items) {
      const k = keyOf(it.idx);
      if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), it.idx]);
    }
    const indicators = [...byKey.values()].map((idxs, j) => {
      const name = `${prefix}${j}`;
      binaries.push(name);
      row(`${name}_on`, [[1, name], ...idxs.map((i): [number, string] => [-1, x(i)])], '<=', 0);
      return name;
    });
    row(`${prefix}_min`, indicators.map((n): [number, string] => [1, n]), '>=', min);
  };
  distinct('di', (i) => p.items[i]?.instKey, p.minInstitutions);
  distinct('dc', (i) => p.items[i]?.country, p.minCountries);

  if (broken) return null;
  const objective = terms(p.items.map((it): [number, string] => [it.cost, x(it.idx)]));
  return [
    'Minimize',
    ` obj: ${objective || `0 ${x(p.items[0]?.idx ?? 0)}`}`,
    'Subject To',
    ...(rows.length > 0 ? rows.map((r) => ` ${r}`) : [` total_max: ${x(p.items[0]?.idx ?? 0)} <= 1`]),
    'Binary',
    ` ${binaries.join(' ')}`,
    'End',
    '',
  ].join('\n');
};

/** Solves the plan exactly with `solver` within `timeLimitMs`; `unknown` when it could not finish. */
export const solveByMip = (p: Problem, solver: MipSolver, timeLimitMs: number): MipResult => {
  const model = planModel(p);
  if (model === null) return { status: 'infeasible', items: null };
  // Nothing counts, and no bound asks for anything: the empty composition is the answer.
  if (p.items.length === 0) return { status: 'optimal', items: [] };
  const res = solver.solve(model, {
    output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5, presolve: 'on', time_limit: Math.max(0.05, timeLimitMs / 1000),
  });
  if (res.Status === 'Infeasible') return { status: 'infeasible', items: null };
  if (res.Status !== 'Optimal' || !res.Columns) return { status: 'unknown', items: null };
  const items = p.items.flatMap((it) => ((res.Columns?.[x(it.idx)]?.Primal ?? 0) > 0.5 ? [it.idx] : []));
  return { status: 'optimal', items };
};

const x = (i: number) => `x${i}`;
