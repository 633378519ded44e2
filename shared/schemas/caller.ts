import * as z from 'zod';
import { type Caller, ROLES } from '../ports/caller.js';

/** A caller as stored beside what it started (an import job runs later, on its behalf). */
export const StoredCaller = z.object({
  sub: z.string(),
  role: z.enum(ROLES),
  institutionId: z.string().optional(),
  allianceIds: z.array(z.string()),
}) satisfies z.ZodType<Caller>;
