import * as z from 'zod';
import { AllianceId } from './common.js';
import { EligibilityRequest } from './engine-requests.js';

/** POST /eligibility (SPEC §4): the learner's achievements against every agreed programme (of an alliance). */
export const ClosestProgrammesRequest = EligibilityRequest.omit({ version: true }).extend({
  allianceId: AllianceId.optional(),
});
export type ClosestProgrammesRequest = z.infer<typeof ClosestProgrammesRequest>;
