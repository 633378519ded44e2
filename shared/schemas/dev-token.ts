import * as z from 'zod/mini';
import { ROLES } from '../ports/caller.js';
import { Slug } from './common.js';

/** The local server's development sign-in (`POST /dev/token`, never in AWS): a role and whom it acts for. */
export const DevTokenRequest = z.strictObject({
  role: z.enum(ROLES),
  /** institutionId for role institution, allianceId for role coordinator. */
  id: z.optional(Slug),
});
