/*
 * The composition engine (SPEC §5): pure functions over plain data. No AWS, no HTTP, no clock
 * (an optional `now` is injected for the time budget), no I/O. See docs/engine.md.
 */
import './solvers.js';
export { checkStackability } from './stackability.js';
export { checkEligibility } from './eligibility.js';
export { findPathways } from './pathways.js';
export { CursorError } from './cursor.js';
export { checkEligibilityExact, checkStackabilityExact, type ExactOptions } from './exact.js';
export { loadMipSolver } from './highs-solver.js';
export type { MipSolver } from './exact-mip.js';
export type {
  Allocation,
  EligibilityAnswer,
  EligibilityPlan,
  EngineContext,
  EngineOptions,
  Held,
  Pathway,
  PathwaysAnswer,
  PathwaysQuery,
  SolveStatus,
  StackabilityAnswer,
  Violation,
} from './types.js';
