import {
  authorizeUrl,
  codeChallenge,
  logoutUrl,
  randomToken,
  readCallback,
  tokenRequestBody,
  tokenUrl,
  withoutCallback,
} from './oauth.js';
import { announce } from './dom.js';
import { describeSession, session } from './session.js';

/*
 * Signing in with Cognito's managed login: authorization code with PKCE, the app being a public
 * client (no secret). The state and the code_verifier wait in sessionStorage while the browser is
 * at Cognito: they survive the redirect but not the tab, and no other tab can complete the flow.
 */
const PENDING = 'registry.signIn.pending';

/** The app's address as the app client knows it: both its callback and its sign-out URL. */
const appUrl = () => `${window.location.origin}/`;

/** Off to Cognito; the view the user was on (query and hash) is restored on return. */
export async function beginSignIn(signIn) {
  const state = randomToken();
  const verifier = randomToken();
  const challenge = await codeChallenge(verifier);
  const returnTo = `${window.location.search}${window.location.hash}`;
  window.sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, returnTo }));
  window.location.assign(authorizeUrl(signIn, { redirectUri: appUrl(), state, challenge }));
}

const takePending = () => {
  const raw = window.sessionStorage.getItem(PENDING);
  window.sessionStorage.removeItem(PENDING); // one use: a reloaded callback page cannot replay it
  return raw ? JSON.parse(raw) : undefined;
};

const exchange = async (signIn, code, verifier) => {
  const res = await fetch(tokenUrl(signIn), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(signIn, { code, redirectUri: appUrl(), verifier }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error_description || body.error || `the token endpoint answered ${res.status}`);
  return body.access_token;
};

/**
 * When this page load is Cognito sending the browser back (?code=&state= or ?error=), finishes the
 * sign-in: checks the state against the one this tab sent, trades the code and the verifier for
 * tokens and keeps the access token. The address loses the callback's parameters either way; a
 * failure ends as a notice the header shows, never as a half signed-in app.
 */
export async function completeSignIn(signIn) {
  const callback = readCallback(window.location.search);
  if (!callback) return;
  let pending;
  try {
    pending = takePending();
    if (callback.error) throw new Error(callback.description || callback.error);
    // RFC 6749 §10.12: a code this tab did not ask for (a forged or replayed redirect) is refused.
    if (!pending || callback.state !== pending.state) {
      throw new Error('the answer does not match a sign-in started in this tab. Please sign in again.');
    }
    session.start(await exchange(signIn, callback.code, pending.verifier));
    announce(`Signed in as ${describeSession(session.current())}`);
  } catch (err) {
    session.end(`Sign-in failed: ${err.message}`);
  } finally {
    const returnTo = pending?.returnTo ?? `${withoutCallback(window.location.search)}${window.location.hash}`;
    window.history.replaceState(null, '', `${window.location.pathname}${returnTo}`);
  }
}

/** Ends the session here and at Cognito, which then sends the browser back to the app. */
export function signOut(signIn) {
  session.end();
  window.location.assign(logoutUrl(signIn, appUrl()));
}
