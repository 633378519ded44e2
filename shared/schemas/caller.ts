import * as z from 'zod/mini';
import { type Caller, ROLES } from '../ports/caller.js';

/** A caller as stored beside what it started (an import job runs later, on its behalf). */
export const StoredCaller = z.object({
  sub: z.string(),
  role: z.enum(ROLES),
  institutionId: z.optional(z.string()),
  allianceIds: z.array(z.string()),
}) satisfies z.ZodMiniType<Caller>;

/*
 * API Gateway flattens array claims to strings such as "[demo other]", so lists are read from an
 * array, or from a string holding a JSON array, a bracketed space list or a comma list.
 */
const ClaimList = z.pipe(
  z.transform((value) => {
    if (typeof value !== 'string') return value;
    return value
      .replace(/[[\]"]/g, ' ')
      .split(/[\s,]+/)
      .filter(Boolean);
  }),
  z.array(z.string()),
);

/** The claims of a verified token (SPEC §4, Auth). */
export const VerifiedClaims = z.object({
  sub: z.string().check(z.minLength(1)),
  role: z.enum(ROLES),
  institutionId: z.optional(z.string().check(z.minLength(1))),
  allianceIds: z.optional(ClaimList),
});
