import { describe, expect, it } from 'vitest';
import { signToken } from '../../functions/local/tokens.js';

/*
 * The pure parts of the web app's sign-in (web/js/oauth.js, web/js/token.js). They are plain
 * browser JavaScript without type declarations, so this test names the types it relies on.
 */
interface SignIn {
  domain: string;
  clientId: string;
  scopes: string[];
}
interface OAuth {
  base64url(bytes: Uint8Array): string;
  randomToken(): string;
  codeChallenge(verifier: string): Promise<string>;
  authorizeUrl(signIn: SignIn, request: { redirectUri: string; state: string; challenge: string }): string;
  tokenRequestBody(signIn: SignIn, request: { code: string; redirectUri: string; verifier: string }): URLSearchParams;
  tokenUrl(signIn: SignIn): string;
  logoutUrl(signIn: SignIn, logoutUri: string): string;
  readCallback(search: string): { code: string; state: string } | { error: string; description: string } | undefined;
  withoutCallback(search: string): string;
}
interface Session {
  token: string;
  role: string;
  institutionId?: string;
  allianceIds?: string[];
  expiresAt?: number;
}
interface Tokens {
  sessionFromToken(token: string): Session;
  isExpired(session: Session, nowMs: number): boolean;
}

const load = async <T>(file: string): Promise<T> =>
  (await import(/* @vite-ignore */ new URL(`../../web/js/${file}`, import.meta.url).href)) as T; // typed by the interfaces above
const oauth = await load<OAuth>('oauth.js');
const tokens = await load<Tokens>('token.js');

const cognito: SignIn = {
  domain: 'https://alliance.auth.eu-central-1.amazoncognito.com',
  clientId: 'client123',
  scopes: ['openid', 'email', 'profile'],
};
const secret = new TextEncoder().encode('unit-test-secret-of-at-least-32-bytes!');

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await oauth.codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 unreserved characters, different each time', () => {
    const a = oauth.randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(oauth.randomToken()).not.toBe(a);
  });

  it('encodes base64url without padding', () => {
    expect(oauth.base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });
});

describe('Cognito endpoints', () => {
  it('asks the authorize endpoint for a code with the S256 challenge, the state and the scopes', () => {
    const url = new URL(
      oauth.authorizeUrl(cognito, { redirectUri: 'https://app.example/', state: 's1', challenge: 'c1' }),
    );
    expect(url.origin + url.pathname).toBe('https://alliance.auth.eu-central-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: 'https://app.example/',
      scope: 'openid email profile',
      state: 's1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
  });

  it('trades the code with the verifier and the same redirect URI, and no secret', () => {
    expect(oauth.tokenUrl(cognito)).toBe('https://alliance.auth.eu-central-1.amazoncognito.com/oauth2/token');
    const body = oauth.tokenRequestBody(cognito, { code: 'k', redirectUri: 'https://app.example/', verifier: 'v' });
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client123',
      code: 'k',
      redirect_uri: 'https://app.example/',
      code_verifier: 'v',
    });
  });

  it('signs out at /logout with the client id and the address to return to', () => {
    const url = new URL(oauth.logoutUrl(cognito, 'https://app.example/'));
    expect(url.pathname).toBe('/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client123',
      logout_uri: 'https://app.example/',
    });
  });
});

describe('the return from Cognito', () => {
  it('reads a code and its state', () => {
    expect(oauth.readCallback('?code=abc&state=xyz')).toEqual({ code: 'abc', state: 'xyz' });
  });

  it('reads an error before anything else', () => {
    expect(oauth.readCallback('?error=access_denied&error_description=User+cancelled&state=xyz')).toEqual({
      error: 'access_denied',
      description: 'User cancelled',
    });
  });

  it('is nothing on an ordinary page load', () => {
    expect(oauth.readCallback('?alliance=forthem')).toBeUndefined();
  });

  it("drops only the callback's parameters from the query", () => {
    expect(oauth.withoutCallback('?alliance=forthem&code=abc&state=xyz')).toBe('?alliance=forthem');
    expect(oauth.withoutCallback('?code=abc&state=xyz')).toBe('');
  });
});

describe('the session a token stands for', () => {
  it("names an institution user's institution and the expiry", async () => {
    const token = await signToken(secret, { role: 'institution', id: 'luh', expiresIn: '1h' });
    const session = tokens.sessionFromToken(token);
    expect(session).toMatchObject({ token, role: 'institution', institutionId: 'luh' });
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    expect(tokens.isExpired(session, Date.now())).toBe(false);
    expect(tokens.isExpired(session, (session.expiresAt ?? 0) + 1)).toBe(true);
  });

  it("reads Cognito's comma list of alliances as a list", () => {
    const payload = Buffer.from(
      JSON.stringify({ role: 'coordinator', allianceIds: 'demo,forthem', exp: 2_000_000_000 }),
    ).toString('base64url');
    expect(tokens.sessionFromToken(`e30.${payload}.sig`)).toMatchObject({
      role: 'coordinator',
      allianceIds: ['demo', 'forthem'],
      expiresAt: 2_000_000_000_000,
    });
  });

  it('refuses a token without a registry role', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'x', exp: 2_000_000_000 })).toString('base64url');
    expect(() => tokens.sessionFromToken(`e30.${payload}.sig`)).toThrow(/no registry role/);
  });
});
