import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Caller } from '../../shared/ports/caller.js';
import { VerifiedClaims } from '../../shared/schemas/caller.js';

/*
 * One claims reader for both worlds: in AWS the HTTP API JWT authorizer has verified the token and
 * put its claims on the event; locally the server verifies it the same way and does the same. The
 * claims' schema, and how it reads the lists API Gateway flattens, is in shared/schemas/caller.ts.
 */
type EventWithClaims = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

/** The verified caller, or undefined when the request carried no verified claims. */
export const readCaller = (event: APIGatewayProxyEventV2): Caller | undefined => {
  const claims = (event as EventWithClaims).requestContext.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const parsed = VerifiedClaims.safeParse(claims);
  if (!parsed.success) return undefined;
  const { sub, role, institutionId, allianceIds } = parsed.data;
  return { sub, role, ...(institutionId ? { institutionId } : {}), allianceIds: allianceIds ?? [] };
};
