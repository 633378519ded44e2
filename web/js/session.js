import { h, mount, announce, select } from './dom.js';

/*
 * Local sign-in: the development server (npm start) signs a demo token for the chosen role at
 * POST /dev/token. Deployed registries have no such endpoint; there tokens come from Cognito.
 * The token lives in sessionStorage: it is gone when the tab closes.
 */
const KEY = 'registry.session';
const listeners = new Set();

const read = () => {
  try {
    return JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
};

export const session = {
  current: () => read(),
  token: () => read()?.token,
  /** The institution a signed-in institution user acts for. */
  institutionId: () => (read()?.role === 'institution' ? read().institutionId : undefined),
  onChange: (fn) => listeners.add(fn),
  async signIn(role, id) {
    const res = await fetch('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(id ? { role, id } : { role }),
    });
    if (res.status === 404) throw new Error('demo sign-in is only available on a development server (npm start)');
    const body = await res.json();
    if (!res.ok) throw new Error(body?.error?.message ?? `sign-in failed (${res.status})`);
    window.sessionStorage.setItem(KEY, JSON.stringify(body));
    listeners.forEach((fn) => fn());
  },
  signOut() {
    window.sessionStorage.removeItem(KEY);
    listeners.forEach((fn) => fn());
  },
};

export const describeSession = (s) => {
  if (!s) return 'not signed in';
  if (s.role === 'institution') return `${s.institutionId.toUpperCase()} (institution)`;
  if (s.role === 'coordinator') return `coordinator of ${(s.allianceIds ?? []).join(', ')}`;
  return s.role;
};

/** The header widget: a role picker when signed out, who you are and "Sign out" when signed in. */
export function renderSession(container, { members, allianceId }) {
  const s = session.current();
  if (s) {
    mount(container,
      h('p', { class: 'session__who' }, 'Signed in as ', h('strong', { 'data-testid': 'session-who' }, describeSession(s))),
      h('button', { type: 'button', class: 'button button--quiet', onclick: () => { session.signOut(); announce('Signed out'); } }, 'Sign out'));
    return;
  }
  const options = [
    ...members.map((m) => [`institution:${m}`, `Institution: ${m.toUpperCase()}`]),
    [`coordinator:${allianceId}`, `Coordinator of ${allianceId}`],
    ['student:', 'Student'],
    ['operator:', 'Operator'],
  ];
  const picker = select(options, options[0]?.[0], { id: 'signin-role', name: 'role' });
  const status = h('span', { class: 'session__error', role: 'alert' });
  const form = h('form', {
    class: 'session__form',
    onsubmit: async (event) => {
      event.preventDefault();
      const [role, id] = picker.value.split(':');
      try {
        await session.signIn(role, id || undefined);
        announce(`Signed in as ${describeSession(session.current())}`);
      } catch (err) {
        status.textContent = err.message;
      }
    },
  },
  h('label', { for: 'signin-role' }, 'Demo sign-in'),
  picker,
  h('button', { type: 'submit', class: 'button' }, 'Sign in'),
  status);
  mount(container, form);
}
