import * as z from 'zod/mini';
import { ProgrammeId } from './common.js';
import { EligibilityRequest } from './engine-requests.js';

/*
 * Saved plans (SPEC §4): an eligibility answer a learner keeps without an account. What is stored is
 * what the learner sent and the answer, with the plan's id and dates (docs/saved-plans.md).
 */

/** 22 base64url characters: 128 random bits, so a plan cannot be found by guessing its id. */
export const PlanId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'must be a plan id'));

/** 43 base64url characters: 256 random bits, shown once, stored only as its SHA-256. */
export const PlanKey = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'Plan-Key must be the deleteKey given when the plan was saved'));

/**
 * POST /plans: a programme's eligibility request (SPEC §4) and the programme; whatever else that
 * request comes to take (it stays strict) a plan takes and keeps too. No rule version: a plan is
 * about the version that stands.
 */
export const PlanRequest = z.extend(z.omit(EligibilityRequest, { version: true }), { programmeId: ProgrammeId });
export type PlanRequest = z.infer<typeof PlanRequest>;

/** A saved plan as stored and as `GET /plans/{id}` returns it. */
export const SavedPlan = z.object({
  ...PlanRequest.shape,
  id: PlanId,
  /** The eligibility answer when the plan was saved (SPEC §5), as it was given. */
  answer: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type SavedPlan = z.infer<typeof SavedPlan>;
