import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { Role } from '../../shared/ports/caller.js';

/*
 * Local stand-in for Cognito: HS256 tokens with the claims of SPEC §4, signed with a secret made on
 * first start and kept in the git-ignored data folder. In AWS the HTTP API's JWT authorizer checks
 * Cognito's tokens instead and the handlers read the same claims.
 */
export const LOCAL_ISSUER = 'urn:alliance-registry:local';
export const LOCAL_AUDIENCE = 'alliance-registry-api';
const SECRET_FILE = 'token-secret';

export const loadOrCreateSecret = (dataDir: string): Uint8Array => {
  const file = join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
};

export interface TokenRequest {
  readonly role: Role;
  /** institutionId for role institution; alliance id(s) for role coordinator. */
  readonly id?: string;
  readonly sub?: string;
  readonly expiresIn?: string;
}

export const signToken = (secret: Uint8Array, request: TokenRequest): Promise<string> => {
  const claims: JWTPayload = { role: request.role };
  if (request.role === 'institution' && request.id) claims.institutionId = request.id;
  if (request.role === 'coordinator') claims.allianceIds = request.id ? request.id.split(',') : [];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub ?? `${request.role}${request.id ? `:${request.id}` : ''}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(secret);
};

/** What API Gateway's JWT authorizer does: signature, issuer, audience and expiry, or a rejection. */
export const verifyToken = async (secret: Uint8Array, token: string): Promise<JWTPayload> => {
  const { payload } = await jwtVerify(token, secret, {
    algorithms: ['HS256'],
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    requiredClaims: ['sub', 'exp'],
  });
  return payload;
};
