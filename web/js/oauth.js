/*
 * OAuth 2.0 authorization code with PKCE (RFC 7636) against Cognito's managed login: the pure
 * parts, no storage, no navigation, so test/unit can check them against the RFC's examples.
 * crypto.getRandomValues and crypto.subtle exist in every browser the app supports (on https and
 * on localhost) and in Node.js.
 */

export const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** 32 random bytes, base64url: 43 characters, the shortest code_verifier RFC 7636 §4.1 allows. */
export const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** code_challenge for code_challenge_method S256: base64url(SHA-256(verifier)). */
export const codeChallenge = async (verifier) =>
  base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

export const authorizeUrl = (signIn, { redirectUri, state, challenge }) => {
  const url = new URL('/oauth2/authorize', signIn.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: redirectUri,
    scope: signIn.scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
};

/** The form the token endpoint takes for a code; a public client proves itself by the verifier. */
export const tokenRequestBody = (signIn, { code, redirectUri, verifier }) =>
  new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: signIn.clientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });

export const tokenUrl = (signIn) => new URL('/oauth2/token', signIn.domain).href;

export const logoutUrl = (signIn, logoutUri) => {
  const url = new URL('/logout', signIn.domain);
  url.search = new URLSearchParams({ client_id: signIn.clientId, logout_uri: logoutUri }).toString();
  return url.href;
};

const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description'];

/**
 * What the authorization server sent back in the query of the app's address: a code, an error
 * (RFC 6749 §4.1.2.1), or nothing when this page load is no return from signing in.
 */
export const readCallback = (search) => {
  const params = new URLSearchParams(search);
  if (params.has('error')) return { error: params.get('error'), description: params.get('error_description') ?? '' };
  if (params.has('code')) return { code: params.get('code'), state: params.get('state') ?? '' };
  return undefined;
};

/** The query without the callback's parameters, '' when nothing else was there. */
export const withoutCallback = (search) => {
  const params = new URLSearchParams(search);
  for (const name of CALLBACK_PARAMS) params.delete(name);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
};
