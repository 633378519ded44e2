import type { SavedPlan } from '../schemas/plan.js';

/** Saved plans, each stored with the SHA-256 of its delete key and removed by the store's TTL when it expires. */
export interface PlanRepository {
  /** Stores a new plan; a plan id never repeats (128 random bits), so an existing one is a bug, not a conflict. */
  create(plan: SavedPlan, deleteKeyHash: string): Promise<void>;
  /** The plan, expired or not (the store's TTL removes expired items late): the caller checks `expiresAt`. */
  get(id: string): Promise<SavedPlan | undefined>;
  /** Deletes the plan if `deleteKeyHash` is its key's: `deleted`, `wrong-key`, or `not-found`. */
  delete(id: string, deleteKeyHash: string): Promise<'deleted' | 'wrong-key' | 'not-found'>;
}
