import * as z from 'zod/mini';
import { type Caller, ROLES } from '../ports/caller.js';

/** A caller as stored beside what it started (an import job runs later, on its behalf). */
export const StoredCaller = z.object({
  sub: z.string(),
  role: z.enum(ROLES),
  institutionId: z.optional(z.string()),
  allianceIds: z.array(z.string()),
}) satisfies z.ZodMiniType<Caller>;
