import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../functions/local/read-body.js';
import { signToken, type TokenRequest } from '../../functions/local/tokens.js';

/*
 * A stand-in for Cognito's managed login, as strict as Cognito where the app's part of the flow
 * is concerned: /oauth2/authorize remembers the PKCE challenge and sends the browser back with a
 * code and the state; /oauth2/token hands out the access token only for that code, the same
 * client and redirect URI, and a code_verifier whose SHA-256 is the challenge (RFC 7636 §4.6);
 * /logout returns to an allowed sign-out URL. Instead of a login page it signs in `user` at once.
 * Its tokens are signed with the local server's secret, so the real local API accepts them.
 * Every refusal is recorded: a test that expects none fails on a wrong verifier or redirect URI.
 */
export interface FakeCognitoOptions {
  readonly clientId: string;
  /** The app's address: its only callback and sign-out URL. */
  readonly appUrl: () => string;
  readonly secret: Uint8Array;
}

interface Grant {
  readonly challenge: string;
  readonly redirectUri: string;
  readonly clientId: string;
}

export interface FakeCognito {
  readonly url: string;
  /** Who the next sign-in is; set by each test. */
  user: TokenRequest;
  /** What the next authorize request does instead of signing in, when set (then reset). */
  next: { readonly error: string; readonly description: string } | 'tamper-state' | undefined;
  readonly refusals: string[];
  readonly tokensIssued: string[];
  readonly logouts: URLSearchParams[];
  stop(): Promise<void>;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export const startFakeCognito = async (options: FakeCognitoOptions): Promise<FakeCognito> => {
  const grants = new Map<string, Grant>();
  const fake: Omit<FakeCognito, 'url' | 'stop'> = {
    user: { role: 'student' },
    next: undefined,
    refusals: [],
    tokensIssued: [],
    logouts: [],
  };

  const redirect = (res: ServerResponse, to: URL) => {
    res.writeHead(302, { location: to.href });
    res.end();
  };
  const answer = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) => {
    // As Cognito's token endpoint: readable by the calling page's origin.
    res.writeHead(status, {
      'content-type': 'application/json',
      'access-control-allow-origin': req.headers.origin ?? '*',
    });
    res.end(JSON.stringify(body));
  };
  const refuse = (req: IncomingMessage, res: ServerResponse, error: string, why: string) => {
    fake.refusals.push(`${req.url?.split('?')[0]}: ${why}`);
    answer(req, res, 400, { error });
  };

  const authorize = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (redirectUri !== options.appUrl()) return refuse(req, res, 'redirect_mismatch', `redirect_uri ${redirectUri}`);
    const back = new URL(redirectUri);
    const problems = [
      query.get('response_type') !== 'code' && 'response_type is not code',
      query.get('client_id') !== options.clientId && 'unknown client_id',
      query.get('code_challenge_method') !== 'S256' && 'code_challenge_method is not S256',
      !/^[A-Za-z0-9_-]{43}$/.test(query.get('code_challenge') ?? '') && 'no S256 code_challenge',
      !query.get('state') && 'no state',
      !(query.get('scope') ?? '').split(' ').includes('openid') && 'no openid scope',
    ].filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) return refuse(req, res, 'invalid_request', problems.join(', '));
    const next = fake.next;
    fake.next = undefined;
    if (next && next !== 'tamper-state') {
      back.search = new URLSearchParams({
        error: next.error,
        error_description: next.description,
        state: query.get('state') ?? '',
      }).toString();
      return redirect(res, back);
    }
    const code = randomUUID();
    grants.set(code, { challenge: query.get('code_challenge') ?? '', redirectUri, clientId: options.clientId });
    const state = next === 'tamper-state' ? `${query.get('state')}x` : (query.get('state') ?? '');
    back.search = new URLSearchParams({ code, state }).toString();
    return redirect(res, back);
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const form = new URLSearchParams(await readBody(req, 8192));
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // a code is good once
    if (form.get('grant_type') !== 'authorization_code')
      return refuse(req, res, 'unsupported_grant_type', `grant_type ${form.get('grant_type')}`);
    if (!grant) return refuse(req, res, 'invalid_grant', 'unknown or used code');
    if (form.get('client_id') !== grant.clientId) return refuse(req, res, 'invalid_client', 'client_id differs');
    if (form.get('redirect_uri') !== grant.redirectUri)
      return refuse(req, res, 'invalid_grant', 'redirect_uri differs');
    if (s256(form.get('code_verifier') ?? '') !== grant.challenge)
      return refuse(req, res, 'invalid_grant', 'code_verifier does not match');
    const accessToken = await signToken(options.secret, fake.user);
    fake.tokensIssued.push(accessToken);
    return answer(req, res, 200, {
      access_token: accessToken,
      id_token: accessToken,
      token_type: 'Bearer',
      expires_in: 3600,
    });
  };

  const logout = (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => {
    if (query.get('client_id') !== options.clientId || query.get('logout_uri') !== options.appUrl()) {
      return refuse(req, res, 'invalid_request', `logout ${query.toString()}`);
    }
    fake.logouts.push(query);
    return redirect(res, new URL(options.appUrl()));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-cognito');
    const route = `${req.method} ${url.pathname}`;
    const work =
      route === 'GET /oauth2/authorize'
        ? authorize(req, res, url.searchParams)
        : route === 'POST /oauth2/token'
          ? token(req, res)
          : route === 'GET /logout'
            ? logout(req, res, url.searchParams)
            : refuse(req, res, 'not_found', route);
    Promise.resolve(work).catch((err: unknown) => {
      fake.refusals.push(`${route}: ${String(err)}`);
      if (!res.headersSent) answer(req, res, 500, { error: 'internal' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo; // listen() on TCP always yields an AddressInfo
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
};
