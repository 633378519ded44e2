import { checkEligibility } from '../../shared/engine/index.js';
import { benchInstance } from './instances.js';
const sizes = (process.argv[2] ?? '30,100,200').split(',').map(Number);
for (const size of sizes) {
  const { ctx, held, asOf } = benchInstance(size, 1);
  const t = performance.now();
  const a = checkEligibility(ctx, held, asOf, { timeBudgetMs: 20000 });
  console.log(size, (performance.now() - t).toFixed(1), a.status, a.plan?.additionalEcts, a.plan?.add.length);
}
