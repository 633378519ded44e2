import { createHash } from 'node:crypto';

/** SPEC §4: a saved plan expires after a year, the same calendar date (29 February → 1 March). */
export const planExpiry = (createdAt: string): string => {
  const expires = new Date(createdAt);
  expires.setUTCFullYear(expires.getUTCFullYear() + 1);
  return expires.toISOString();
};

/** Only the hash of a delete key is stored: a read of the table does not hand out the right to delete. */
export const hashPlanKey = (deleteKey: string): string => createHash('sha256').update(deleteKey).digest('hex');

export const isExpired = (plan: { expiresAt: string }, now: string): boolean => plan.expiresAt <= now;
