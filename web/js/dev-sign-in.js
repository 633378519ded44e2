import { session } from './session.js';

/*
 * The development server's demo sign-in (`npm start`, the browser tests): it signs a token for
 * the chosen role at POST /dev/token. Deployed registries sign in with Cognito instead
 * (app-config.js says which).
 */
export async function devSignIn(role, id) {
  const res = await fetch('/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(id ? { role, id } : { role }),
  });
  if (res.status === 404) throw new Error('demo sign-in is only available on a development server (npm start)');
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message ?? `sign-in failed (${res.status})`);
  session.start(body.token);
}
