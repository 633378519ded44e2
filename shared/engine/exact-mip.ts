import type { Rule } from '../schemas/rule.js';
import type { Problem } from './compile.js';
import { distinctClauses } from './tally.js';

/*
 * The compiled problem as a mixed-integer programme, for an exact MIP solver to finish what the
 * specialised search could not prove within its share of the budget (docs/engine.md, "Exact
 * fallback"). It is written from the compiled problem, so it sees exactly what the search sees:
 * counted items and their costs, institution blocks with their bounds (the external block's cap
 * included), exclusion groups, the allocation to requirements with positive minimums, the ECTS
 * range, the distinct institution and country minimums, and prerequisite pairs of a plan. Nested
 * programmes are not modelled:
 * `mipApplies` says when the model is the whole problem.
 *
 * Variables: one per column (how many of its interchangeable items are taken), allocation variables
 * for columns serving several requirements, and indicators for distinct institutions and countries.
 * All coefficients are whole numbers (units and costs are integers after compilation).
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
export const DEFAULT_SEARCH_SHARE_MS = 50;

/** Nested programmes are not modelled, so the MIP is the whole problem only for rules without them. */
export const mipAppliesTo = (rule: Rule): boolean => (rule.programmes?.length ?? 0) === 0;
export const mipApplies = (p: Problem): boolean => mipAppliesTo(p.rule);

const terms = (coefVars: readonly [number, string][]): string =>
  coefVars
    .filter(([c]) => c !== 0)
    .map(([c, v], k) => `${k === 0 ? (c < 0 ? '-' : '') : c < 0 ? ' - ' : ' + '}${Math.abs(c)} ${v}`)
    .join('');

/**
 * One column of the model: interchangeable items (same block, units, cost, requirements served,
 * institution and country, in no exclusion group) are one integer variable counting how many are
 * taken, which keeps the model small where a catalogue has many alike offerings; an item in an
 * exclusion group is a binary of its own.
 */
interface Column {
  name: string;
  items: number[];
  units: number;
  cost: number;
  serves: number[];
  block: number;
}

const columnsOf = (p: Problem): Column[] => {
  const byKey = new Map<string, Column>();
  const columns: Column[] = [];
  // Items bound by a prerequisite are not interchangeable with their class: each is its own column.
  const bound = new Set(p.requires.flat());
  for (const it of p.items) {
    const key = it.groups.length > 0 || bound.has(it.idx) ? undefined : `${it.block}|${it.classKey}`;
    const same = key === undefined ? undefined : byKey.get(key);
    if (same) {
      same.items.push(it.idx);
      continue;
    }
    const col: Column = {
      name: `x${columns.length}`,
      items: [it.idx],
      units: it.units,
      cost: it.cost,
      serves: it.serves,
      block: it.block,
    };
    columns.push(col);
    if (key !== undefined) byKey.set(key, col);
  }
  return columns;
};

type Term = [number, string];

/** The model in CPLEX LP format and its columns, or null when a bound with nothing to meet it is already broken. */
export const planModel = (p: Problem): { model: string; columns: Column[] } | null => {
  const columns = columnsOf(p);
  const rows: string[] = [];
  const bounds: string[] = [];
  const integers: string[] = [];
  let broken = false;
  const row = (name: string, lhs: Term[], sense: '>=' | '<=', rhs: number) => {
    const live = lhs.filter(([c]) => c !== 0);
    if (live.length === 0) {
      if (sense === '>=' ? rhs > 0 : rhs < 0) broken = true;
      return;
    }
    rows.push(`${name}: ${terms(live)} ${sense} ${rhs}`);
  };
  const variable = (name: string, upper: number) => {
    integers.push(name);
    bounds.push(`0 <= ${name} <= ${upper}`);
  };
  for (const c of columns) variable(c.name, c.items.length);

  const units = columns.map((c): Term => [c.units, c.name]);
  row('total_min', units, '>=', p.lo);
  row('total_max', units, '<=', p.hi);

  p.blocks.forEach((b, bi) => {
    const mine = columns.filter((c) => c.block === bi);
    const size = mine.reduce((n, c) => n + c.items.length, 0);
    const count = mine.map((c): Term => [1, c.name]);
    const sizes = mine.map((c): Term => [c.units, c.name]);
    if (b.minCount > 0) row(`b${bi}_cmin`, count, '>=', b.minCount);
    if (b.maxCount < size) row(`b${bi}_cmax`, count, '<=', b.maxCount);
    if (b.minUnits > 0) row(`b${bi}_umin`, sizes, '>=', b.minUnits);
    if (b.maxUnits < p.hi) row(`b${bi}_umax`, sizes, '<=', b.maxUnits);
  });

  const columnOf = new Map<number, Column>();
  for (const c of columns) for (const i of c.items) columnOf.set(i, c);
  p.groups.forEach((g, gi) => {
    if (g.items.length > 1)
      row(
        `g${gi}`,
        g.items.flatMap((i): Term[] => {
          const c = columnOf.get(i);
          return c ? [[1, c.name]] : [];
        }),
        '<=',
        1,
      );
  });

  // SPEC §5: an offering is added only with the prerequisites it needs added.
  p.requires.forEach(([item, needed], k) => {
    const a = columnOf.get(item);
    const b = columnOf.get(needed);
    if (a && b)
      row(
        `pre${k}`,
        [
          [1, a.name],
          [-1, b.name],
        ],
        '<=',
        0,
      );
  });

  // SPEC §5.4: each credential is allocated to at most one requirement it matches. A column serving
  // one requirement needs no allocation variable: allocating more than a minimum needs never hurts.
  const alloc = p.spec.reqs.map(() => [] as { units: number; name: string }[]);
  for (const c of columns) {
    if (c.serves.length === 1) {
      alloc[c.serves[0] ?? 0]?.push({ units: c.units, name: c.name });
      continue;
    }
    if (c.serves.length === 0) continue;
    const names = c.serves.map((r) => {
      const name = `a${c.name}_${r}`;
      variable(name, c.items.length);
      alloc[r]?.push({ units: c.units, name });
      return name;
    });
    row(`one_${c.name}`, [...names.map((n): Term => [1, n]), [-1, c.name]], '<=', 0);
  }
  p.spec.reqs.forEach((q, r) => {
    const mine = alloc[r] ?? [];
    if (q.minCount > 0)
      row(
        `r${r}_c`,
        mine.map((a): Term => [1, a.name]),
        '>=',
        q.minCount,
      );
    if (q.minUnits > 0)
      row(
        `r${r}_u`,
        mine.map((a): Term => [a.units, a.name]),
        '>=',
        q.minUnits,
      );
  });

  // Distinct institutions and countries: an indicator may be 1 only if one of its columns is taken.
  const distinct = (prefix: string, keyOf: (c: Column) => string | undefined, min: number) => {
    const byKey = new Map<string, Column[]>();
    for (const c of columns) {
      const k = keyOf(c);
      if (k !== undefined) byKey.set(k, [...(byKey.get(k) ?? []), c]);
    }
    const indicators = [...byKey.values()].map((cols, j) => {
      const name = `${prefix}${j}`;
      variable(name, 1);
      row(`${name}_on`, [[1, name], ...cols.map((c): Term => [-1, c.name])], '<=', 0);
      return name;
    });
    row(
      `${prefix}_min`,
      indicators.map((n): Term => [1, n]),
      '>=',
      min,
    );
  };
  // A column's credentials agree on every distinct clause's value: their class key names institution and country.
  distinctClauses(p).forEach((clause, ci) => {
    distinct(
      `d${ci}_`,
      (c) => {
        const first = p.items[c.items[0] ?? -1];
        return first ? clause.keyOf(first) : undefined;
      },
      clause.min,
    );
  });

  if (broken) return null;
  const first = columns[0]?.name ?? 'x0';
  const objective = terms(columns.map((c): Term => [c.cost, c.name]));
  const model = [
    'Minimize',
    ` obj: ${objective || `0 ${first}`}`,
    'Subject To',
    ...(rows.length > 0 ? rows.map((r) => ` ${r}`) : [` total_max: ${first} <= ${p.items.length}`]),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    'General',
    ` ${integers.join(' ')}`,
    'End',
    '',
  ].join('\n');
  return { model, columns };
};

/** Solves the plan exactly with `solver` within `timeLimitMs`; `unknown` when it could not finish. */
export const solveByMip = (p: Problem, solver: MipSolver, timeLimitMs: number): MipResult => {
  const built = planModel(p);
  if (built === null) return { status: 'infeasible', items: null };
  // Nothing counts, and no bound asks for anything: the empty composition is the answer.
  if (p.items.length === 0) return { status: 'optimal', items: [] };
  const res = solver.solve(built.model, {
    output_flag: false,
    mip_rel_gap: 0,
    mip_abs_gap: 0.5,
    presolve: 'on',
    time_limit: Math.max(0.05, timeLimitMs / 1000),
  });
  if (res.Status === 'Infeasible') return { status: 'infeasible', items: null };
  if (res.Status !== 'Optimal' || !res.Columns) return { status: 'unknown', items: null };
  // k taken of a column: its first k items (they are interchangeable).
  const items = built.columns.flatMap((c) => c.items.slice(0, Math.round(res.Columns?.[c.name]?.Primal ?? 0)));
  return { status: 'optimal', items };
};
