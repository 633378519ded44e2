/*
 * Reads who is signed in from the access token itself, the claims the API authorises by: `role`,
 * `institutionId`, `allianceIds` (Cognito's pre-token-generation trigger, or the development
 * server's demo tokens) and `exp`. The signature is the API's to check; the app only displays.
 */

const base64urlDecode = (text) => {
  const base64 = text.replaceAll('-', '+').replaceAll('_', '/');
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
};

/** The session a token stands for; throws when the token is no JWT with a role. */
export const sessionFromToken = (token) => {
  const [, payload] = String(token).split('.');
  if (!payload) throw new Error('the sign-in service answered with no usable access token');
  const claims = JSON.parse(new TextDecoder().decode(base64urlDecode(payload)));
  if (typeof claims.role !== 'string')
    throw new Error('the access token names no registry role; ask an operator to put your account in a group');
  return {
    token,
    role: claims.role,
    ...(typeof claims.institutionId === 'string' ? { institutionId: claims.institutionId } : {}),
    // Cognito's trigger writes a comma list (its claims are strings); demo tokens carry an array.
    ...(claims.allianceIds !== undefined
      ? {
          allianceIds: Array.isArray(claims.allianceIds)
            ? claims.allianceIds
            : String(claims.allianceIds).split(',').filter(Boolean),
        }
      : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
  };
};

export const isExpired = (session, nowMs) => session.expiresAt !== undefined && session.expiresAt <= nowMs;
