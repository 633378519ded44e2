/*
 * npm run bench (docs/engine.md, "Tests and benchmark"). Two instance families, each solved by
 * this engine's eligibility plan and by HiGHS (a MIP of the same plan written from the rule, in
 * highs-plan.ts) in the same run; the optima must be equal. The engine runs as a warm function
 * does: with the MIP solver already loaded, finishing what its search cannot prove. Then pathway
 * counts: the bench's 10 × 100 count, the family's counting variant (no requirements or
 * exclusions: must be exact) and the family itself (requirements and exclusions: the fraction
 * counted exactly within the request budget). A readable table, then one JSON line (the last line).
 */
import { checkEligibility, findPathways, loadMipSolver } from '../../shared/engine/index.js';
import { familyInstance } from './family.js';
import { loadHighs, solvePlan } from './highs-plan.js';
import { benchInstance, countInstance, WARM_UP_ANSWERS, WARM_UP_SEEDS } from './instances.js';
import type { EngineContext, Held } from '../../shared/engine/index.js';

const SEEDS = Number(process.env.BENCH_SEEDS ?? 9);
const COUNT_SEEDS = Number(process.env.BENCH_COUNT_SEEDS ?? 5);
const REPEATS = 3;
const REQUEST_BUDGET_MS = 2000;

interface Instance {
  ctx: EngineContext;
  held: Held[];
  asOf: string;
}
const FAMILIES: Record<string, { sizes: number[]; make: (size: number, seed: number) => Instance }> = {
  bench: { sizes: [30, 200, 1000], make: benchInstance },
  family: { sizes: [200, 1000], make: (size, seed) => familyInstance(size, seed) },
};

const p50 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};
const round = (x: number) => Math.round(x * 100) / 100;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
};

const main = async () => {
  const highs = await loadHighs();
  const mip = await loadMipSolver();
  const plan = (i: Instance) => checkEligibility(i.ctx, i.held, i.asOf, { timeBudgetMs: 60_000, mip });
  // Warm-up, as a function that has served requests before is warm: the first calls pay for JIT
  // compilation in both solvers, and the engine's code is compiled again as instances of other
  // shapes reach it (one warm-up instance left the measured ones recompiling hot functions).
  for (const f of Object.values(FAMILIES))
    for (const size of f.sizes)
      for (const seed of WARM_UP_SEEDS) {
        const w = f.make(size, seed);
        for (let k = 0; k < WARM_UP_ANSWERS; k++) {
          plan(w);
          solvePlan(highs, w.ctx, w.held);
        }
      }
  const rows: string[] = [];
  const summary: Record<string, Record<string, unknown>> = {};
  for (const [name, f] of Object.entries(FAMILIES)) {
    const p50Ms: Record<string, number> = {};
    const highsP50Ms: Record<string, number> = {};
    const ratio: Record<string, number> = {};
    const searchProved: Record<string, string> = {};
    let optimaEqual = true;
    for (const size of f.sizes) {
      const mine: number[] = [];
      const theirs: number[] = [];
      let bySearch = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const inst = f.make(size, seed);
        const runs: number[] = [];
        let answer = plan(inst);
        for (let k = 0; k < REPEATS; k++) {
          const [a, ms] = time(() => plan(inst));
          answer = a;
          runs.push(ms);
        }
        const [best, highsMs] = time(() => solvePlan(highs, inst.ctx, inst.held));
        const engineMs = Math.min(...runs);
        mine.push(engineMs);
        theirs.push(highsMs);
        // Which of the two finished: the search alone, or the search and then the exact MIP.
        const alone = checkEligibility(inst.ctx, inst.held, inst.asOf, { timeBudgetMs: 25 });
        if (alone.status === 'optimal' || alone.status === 'infeasible') bySearch++;
        const objective = answer.plan ? Math.round(answer.plan.additionalEcts * 1000) + answer.plan.add.length : null;
        const equal =
          objective === best && (answer.status === 'optimal' || (best === null && answer.status === 'infeasible'));
        optimaEqual &&= equal;
        rows.push(
          `${name.padEnd(7)} ${String(size).padStart(5)} ${String(seed).padStart(4)}  ${engineMs.toFixed(2).padStart(9)}  ${highsMs.toFixed(2).padStart(9)}  ${String(answer.plan?.additionalEcts ?? '-').padStart(6)} ${String(answer.plan?.add.length ?? '-').padStart(4)}  ${equal ? 'equal' : `DIFFERENT (engine ${objective}, HiGHS ${best})`}`,
        );
      }
      p50Ms[size] = round(p50(mine));
      highsP50Ms[size] = round(p50(theirs));
      ratio[size] = round(p50(theirs) / p50(mine));
      searchProved[size] = `${bySearch}/${SEEDS}`;
    }
    summary[name] = { sizes: f.sizes, p50Ms, highsP50Ms, ratio, optimaEqual, searchProved };
  }

  const countRuns = (ctx: EngineContext) => {
    findPathways(ctx, { limit: 20 }, { timeBudgetMs: REQUEST_BUDGET_MS });
    const ms: number[] = [];
    let answer = findPathways(ctx, { limit: 20 }, { timeBudgetMs: REQUEST_BUDGET_MS });
    for (let k = 0; k < REPEATS; k++) {
      const [a, t] = time(() => findPathways(ctx, { limit: 20 }, { timeBudgetMs: REQUEST_BUDGET_MS }));
      answer = a;
      ms.push(t);
    }
    return { answer, ms: Math.min(...ms) };
  };
  const own = countRuns(countInstance());
  (summary.bench as Record<string, unknown>).countMs10x100 = round(own.ms);
  (summary.bench as Record<string, unknown>).countTotal = own.answer.total;
  (summary.bench as Record<string, unknown>).countExact = own.answer.exact;

  const familyCount = (variant: 'count' | 'plan') => {
    const ms: number[] = [];
    let exact = 0;
    let runs = 0;
    let fullPages = 0;
    for (const size of FAMILIES.family?.sizes ?? [])
      for (let seed = 1; seed <= COUNT_SEEDS; seed++) {
        const { answer, ms: t } = countRuns(familyInstance(size, seed, variant).ctx);
        rows.push(
          `count-${variant.padEnd(5)} ${String(size).padStart(5)} ${String(seed).padStart(4)}  ${t.toFixed(2).padStart(9)}  total ${answer.total} (exact: ${answer.exact})`,
        );
        ms.push(t);
        runs++;
        if (answer.exact) exact++;
        if (answer.pathways.length === 20) fullPages++;
      }
    return { p50Ms: round(p50(ms)), exact, runs, fullPages };
  };
  const plain = familyCount('count');
  const withRequirements = familyCount('plan');
  Object.assign(summary.family as Record<string, unknown>, {
    countExact: plain.exact === plain.runs,
    countP50Ms: plain.p50Ms,
    countWithRequirementsExactFraction: round(withRequirements.exact / withRequirements.runs),
    countWithRequirementsP50Ms: withRequirements.p50Ms,
    // Pathway pages of 20 filled: a request lists compositions even where it cannot count them exactly.
    pathwaysPageFullFraction: round(withRequirements.fullPages / withRequirements.runs),
  });

  console.log('family   size seed  engine ms   HiGHS ms  +ECTS  add  optimum');
  for (const r of rows) console.log(r);
  console.log('');
  for (const [name, s] of Object.entries(summary)) {
    const sizes = s.sizes as number[];
    for (const size of sizes) {
      const get = (k: string) => (s[k] as Record<string, unknown>)[size];
      console.log(
        `${name} ${String(size).padStart(5)} offerings: engine p50 ${get('p50Ms')} ms, HiGHS p50 ${get('highsP50Ms')} ms, ${get('ratio')}× faster; proven by the search alone on ${get('searchProved')}`,
      );
    }
  }
  console.log(
    `pathways, 10 institutions × 100 offerings: total ${own.answer.total} (exact: ${own.answer.exact}), ${round(own.ms)} ms (count and first page)`,
  );
  console.log(
    `family counting variant: exact on ${plain.exact}/${plain.runs}, p50 ${plain.p50Ms} ms; with requirements and exclusions: exact on ${withRequirements.exact}/${withRequirements.runs}`,
  );
  console.log(JSON.stringify(summary));
};

await main();
