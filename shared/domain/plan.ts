import { createHash } from 'node:crypto';
import { DomainError } from './errors.js';

/**
 * A plan is one DynamoDB item, at most 400 KB: what the learner sent (up to 256 KB) and the answer
 * must fit with room for keys and attribute names, or the write would fail after the answer was
 * computed. Measured as UTF-8 JSON, which is close to DynamoDB's own count for maps and strings.
 */
export const MAX_PLAN_BYTES = 350 * 1024;

export const assertPlanFits = (plan: unknown): void => {
  const bytes = Buffer.byteLength(JSON.stringify(plan), 'utf8');
  if (bytes > MAX_PLAN_BYTES) {
    const message = `the plan and its answer take ${Math.ceil(bytes / 1024)} KB, more than the ${MAX_PLAN_BYTES / 1024} KB a plan may keep: send fewer or smaller documents`;
    throw new DomainError('VALIDATION_FAILED', message, [{ path: 'achievements', message }]);
  }
};

/** SPEC §4: a saved plan expires after a year, the same calendar date (29 February → 1 March). */
export const planExpiry = (createdAt: string): string => {
  const expires = new Date(createdAt);
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  return expires.toISOString();
};

/** Only the hash of a delete key is stored: a read of the table does not hand out the right to delete. */
export const hashPlanKey = (deleteKey: string): string => createHash('sha256').update(deleteKey).digest('hex');

export const isExpired = (plan: { expiresAt: string }, now: string): boolean => plan.expiresAt <= now;
