import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { type Caller, ROLES } from '../../shared/ports/caller.js';

/*
 * One claims reader for both worlds: in AWS the HTTP API JWT authorizer has verified the token and
 * put its claims on the event; locally the server verifies it the same way and does the same.
 * API Gateway flattens array claims to strings such as "[demo other]", so lists are read from an
 * array, or from a string holding a JSON array, a bracketed space list or a comma list.
 */
const List = z.pipe(
  z.transform((value) => {
    if (typeof value !== 'string') return value;
    return value
      .replace(/[[\]"]/g, ' ')
      .split(/[\s,]+/)
      .filter(Boolean);
  }),
  z.array(z.string()),
);

const Claims = z.object({
  sub: z.string().check(z.minLength(1)),
  role: z.enum(ROLES),
  institutionId: z.optional(z.string().check(z.minLength(1))),
  allianceIds: z.optional(List),
});

type EventWithClaims = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

/** The verified caller, or undefined when the request carried no verified claims. */
export const readCaller = (event: APIGatewayProxyEventV2): Caller | undefined => {
  const claims = (event as EventWithClaims).requestContext.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const parsed = Claims.safeParse(claims);
  if (!parsed.success) return undefined;
  const { sub, role, institutionId, allianceIds } = parsed.data;
  return { sub, role, ...(institutionId ? { institutionId } : {}), allianceIds: allianceIds ?? [] };
};
