import type { ExternalCredential } from '../schemas/achievement.js';
import type { Credential } from '../schemas/credential.js';
import type { Rule } from '../schemas/rule.js';
import type { MipSolver } from './exact-mip.js';

/** Everything the engine needs to judge one programme; resolved by the caller (no I/O here). */
export interface EngineContext {
  rule: Rule;
  /** Rules of programmes named in `rule.programmes` (transitively), by programme id. */
  nested: Record<string, Rule>;
  /** Published offerings (latest versions). */
  catalogue: readonly Credential[];
  institutions: Record<string, { country: string; kind: 'hei' | 'provider'; name?: string }>;
  /** Member institution ids of the programme's alliance. */
  members: readonly string[];
}

/** Languages (BCP-47) and forms of participation a learner prefers among equally cheap plans. */
export interface PlanPreferences {
  languages?: readonly string[] | undefined;
  participation?: readonly string[] | undefined;
}

/** What a learner holds, resolved by the caller. */
export type Held =
  | { kind: 'registry'; key: string; credential: Credential; issuedOn: string; score?: number }
  | { kind: 'external'; key: string; external: ExternalCredential };

export interface EngineOptions {
  /** Wall-clock budget for one answer; beyond it the answer says it is not proven (default 2000 ms). */
  timeBudgetMs?: number;
  /** Clock in milliseconds, injected (the engine reads no clock of its own unless none is given). */
  now?: () => number;
  /**
   * An exact MIP solver, already loaded: when given, a plan the specialised search has not proven
   * within `searchShareMs` is finished by the MIP in the rest of the budget (docs/engine.md).
   */
  mip?: MipSolver;
  /** Eligibility: what breaks ties between equally cheap plans (SPEC §5). */
  preferences?: PlanPreferences;
  /** The specialised search's share of the budget when `mip` is given (default 15 ms; 0 skips it). */
  searchShareMs?: number;
  /** Depth-first nodes per level before the search combines by layers (default 5,000; 0: layers at once). */
  depthFirstNodes?: number;
}

export interface Violation {
  rule: string;
  message: string;
}

export interface Allocation {
  requirements: Record<string, string[]>;
  electives: string[];
  programmes?: Record<string, string[]>;
  notCounted: { credentialId: string; reason: string }[];
}

export type SolveStatus = 'optimal' | 'feasible-not-proven' | 'not-found-in-budget' | 'infeasible';

export interface StackabilityAnswer {
  valid: boolean;
  extendable: boolean;
  totalEcts: number;
  violations: Violation[];
  allocation: Allocation;
  /** 'optimal' when both `valid` and `extendable` were decided within the budget. */
  status: SolveStatus;
}

export interface EligibilityPlan {
  add: string[];
  additionalEcts: number;
  optimal: boolean;
}

export interface EligibilityAnswer {
  eligible: boolean;
  counted: string[];
  missing: Violation[];
  plan: EligibilityPlan | null;
  notice: string;
  status: SolveStatus;
  allocation?: Allocation;
}

export interface Pathway {
  credentials: string[];
  totalEcts: number;
  institutions: Record<string, number>;
}

export interface PathwaysQuery {
  include?: string[];
  exclude?: string[];
  limit?: number;
  cursor?: string;
}

export interface PathwaysAnswer {
  total: string;
  exact: boolean;
  pathways: Pathway[];
  cursor?: string;
}

/**
 * One candidate credential as the engine sees it: a held achievement, a member of a stackability
 * set, or a catalogue offering that a plan may add.
 */
export interface Entry {
  /** Answer key: Held.key for achievements, the credential id otherwise. */
  key: string;
  credentialId?: string;
  credential?: Credential;
  external?: ExternalCredential;
  /** Achievements only: the age and score filters apply (SPEC §5.1). */
  achievement?: { issuedOn: string; score?: number };
  /** A catalogue offering a plan may add; costs its ECTS. */
  added: boolean;
  /** An offering to add: how many of the learner's preferences it does not meet (0 when none were given). */
  mismatch?: number;
}
