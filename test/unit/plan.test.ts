import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/domain/errors.js';
import { assertPlanFits, hashPlanKey, isExpired, MAX_PLAN_BYTES, planExpiry } from '../../shared/domain/plan.js';

describe('saved plan expiry and keys', () => {
  it('expires a plan on the same calendar date a year on', () => {
    expect(planExpiry('2026-12-01T22:30:00.000Z')).toBe('2027-12-01T22:30:00.000Z');
  });

  it('expires a plan saved on 29 February on 1 March a year on', () => {
    expect(planExpiry('2028-02-29T10:00:00.000Z')).toBe('2029-03-01T10:00:00.000Z');
  });

  it('treats a plan as gone from its expiry instant on', () => {
    const plan = { expiresAt: '2027-12-01T22:30:00.000Z' };
    expect(isExpired(plan, '2027-12-01T22:29:59.999Z')).toBe(false);
    expect(isExpired(plan, '2027-12-01T22:30:00.000Z')).toBe(true);
  });

  it('refuses a plan too large for one item, naming the achievements', () => {
    expect(() => assertPlanFits({ achievements: ['x'.repeat(MAX_PLAN_BYTES)] })).toThrow(DomainError);
    try {
      assertPlanFits({ achievements: ['x'.repeat(MAX_PLAN_BYTES)] });
    } catch (err) {
      expect((err as DomainError).details[0]?.path).toBe('achievements');
    }
    expect(() => assertPlanFits({ achievements: ['x'.repeat(1000)] })).not.toThrow();
  });

  it('stores a delete key only as its SHA-256', () => {
    expect(hashPlanKey('key')).toBe('2c70e12b7a0646f92279f427c7b38e7334d8e5389cff167a1dc30e73f826b683');
  });
});
