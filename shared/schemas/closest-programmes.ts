import * as z from 'zod/mini';
import { AllianceId } from './common.js';
import { EligibilityRequest } from './engine-requests.js';

/** POST /eligibility (SPEC §4): the learner's achievements against every agreed programme (of an alliance). */
export const ClosestProgrammesRequest = z.extend(z.omit(EligibilityRequest, { version: true }), {
  allianceId: z.optional(AllianceId),
});
export type ClosestProgrammesRequest = z.infer<typeof ClosestProgrammesRequest>;
