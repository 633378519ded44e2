import { beginSignIn, signOut } from './cognito-sign-in.js';
import { devSignIn } from './dev-sign-in.js';
import { h, mount, announce, select } from './dom.js';
import { describeSession, session } from './session.js';

/*
 * The header widget: who is signed in and "Sign out", or the way to sign in this deployment
 * offers (app-config.js): Cognito's managed login, or the development server's role picker. Why
 * the last session ended (expired, sign-in refused) stays visible as an alert until the next one.
 */
export function renderSession(container, { members, allianceId, signIn }) {
  const notice = session.notice() ? h('p', { class: 'session__error', role: 'alert' }, session.notice()) : null;
  const s = session.current();
  if (s) {
    const end = () => {
      if (signIn.kind === 'cognito') return signOut(signIn);
      session.end();
      announce('Signed out');
    };
    mount(
      container,
      h(
        'p',
        { class: 'session__who' },
        'Signed in as ',
        h('strong', { 'data-testid': 'session-who' }, describeSession(s)),
      ),
      h('button', { type: 'button', class: 'button button--quiet', onclick: end }, 'Sign out'),
    );
    return;
  }
  mount(container, notice, signIn.kind === 'cognito' ? cognitoSignIn(signIn) : devSignInForm(members, allianceId));
}

function cognitoSignIn(signIn) {
  const status = h('span', { class: 'session__error', role: 'alert' });
  return h(
    'span',
    { class: 'session__form' },
    h(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: async () => {
          try {
            await beginSignIn(signIn);
          } catch (err) {
            status.textContent = `Sign-in could not start: ${err.message}`;
          }
        },
      },
      'Sign in',
    ),
    status,
  );
}

function devSignInForm(members, allianceId) {
  const options = [
    ...members.map((m) => [`institution:${m}`, `Institution: ${m.toUpperCase()}`]),
    [`coordinator:${allianceId}`, `Coordinator of ${allianceId}`],
    ['student:', 'Student'],
    ['operator:', 'Operator'],
  ];
  const picker = select(options, options[0]?.[0], { id: 'signin-role', name: 'role' });
  const status = h('span', { class: 'session__error', role: 'alert' });
  return h(
    'form',
    {
      class: 'session__form',
      onsubmit: async (event) => {
        event.preventDefault();
        const [role, id] = picker.value.split(':');
        try {
          await devSignIn(role, id || undefined);
          announce(`Signed in as ${describeSession(session.current())}`);
        } catch (err) {
          status.textContent = err.message;
        }
      },
    },
    h('label', { for: 'signin-role' }, 'Demo sign-in'),
    picker,
    h('button', { type: 'submit', class: 'button' }, 'Sign in'),
    status,
  );
}
