import * as z from 'zod';
import { AllianceId, IsoDate } from './common.js';
import { EligibilityRequest } from './engine-requests.js';

/** POST /eligibility (SPEC §4): the learner's achievements against every agreed programme (of an alliance). */
export const ClosestProgrammesRequest = z.strictObject({
  achievements: EligibilityRequest.shape.achievements,
  allianceId: AllianceId.optional(),
  asOf: IsoDate.optional(),
});
export type ClosestProgrammesRequest = z.infer<typeof ClosestProgrammesRequest>;
