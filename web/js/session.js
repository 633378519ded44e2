import { isExpired, sessionFromToken } from './token.js';

/*
 * Who is signed in: the access token, kept in sessionStorage (gone when the tab closes), and what
 * it says (web/js/token.js). The token comes from the development server's demo sign-in
 * (dev-sign-in.js) or from Cognito (cognito-sign-in.js); the rest of the app only reads it here.
 * When it expires the session ends by itself, with a notice the header shows.
 */
const KEY = 'registry.accessToken';
const listeners = new Set();
let current = null;
let notice = '';
let expiryTimer;

const notify = () => listeners.forEach((fn) => fn());

const scheduleExpiry = () => {
  window.clearTimeout(expiryTimer);
  if (current?.expiresAt === undefined) return;
  expiryTimer = window.setTimeout(
    () => session.end('Your sign-in has expired. Sign in again to continue.'),
    Math.max(0, current.expiresAt - Date.now()),
  );
};

export const session = {
  current: () => current,
  token: () => current?.token,
  /** The institution a signed-in institution user acts for. */
  institutionId: () => (current?.role === 'institution' ? current.institutionId : undefined),
  /** Why the last session ended or a sign-in failed; '' when there is nothing to tell. */
  notice: () => notice,
  onChange: (fn) => listeners.add(fn),
  /** Signs in with an access token; throws when it is unreadable or already expired. */
  start(token) {
    const next = sessionFromToken(token);
    if (isExpired(next, Date.now()))
      throw new Error("the access token had already expired; check this computer's clock");
    window.sessionStorage.setItem(KEY, token);
    current = next;
    notice = '';
    scheduleExpiry();
    notify();
  },
  /** Signs out locally, saying why when there is a reason to (shown as an alert). */
  end(reason = '') {
    window.sessionStorage.removeItem(KEY);
    current = null;
    notice = reason;
    scheduleExpiry();
    notify();
  },
};

/** The session of an earlier page load in this tab, unless it has expired meanwhile. */
const resume = () => {
  const token = window.sessionStorage.getItem(KEY);
  if (!token) return;
  let stored;
  try {
    stored = sessionFromToken(token);
  } catch (err) {
    session.end(`Your earlier sign-in could not be read (${err.message}). Sign in again to continue.`);
    return;
  }
  if (isExpired(stored, Date.now())) {
    session.end('Your sign-in has expired. Sign in again to continue.');
    return;
  }
  current = stored;
  scheduleExpiry();
};
resume();

export const describeSession = (s) => {
  if (!s) return 'not signed in';
  if (s.role === 'institution') return `${s.institutionId.toUpperCase()} (institution)`;
  if (s.role === 'coordinator') return `coordinator of ${(s.allianceIds ?? []).join(', ')}`;
  return s.role;
};
