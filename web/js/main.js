import { alliance, allianceId } from './api.js';
import { appConfig } from './app-config.js';
import { completeSignIn } from './cognito-sign-in.js';
import { h, mount, errorBox } from './dom.js';
import { session } from './session.js';
import { renderSession } from './session-view.js';
import * as catalogue from './views/catalogue.js';
import * as credential from './views/credential.js';
import * as negotiation from './views/negotiation.js';
import * as eligibility from './views/eligibility.js';
import * as pathways from './views/pathways.js';
import * as importer from './views/import.js';
import * as closest from './views/closest.js';
import * as plan from './views/plan.js';

/*
 * A hash router: #/catalogue?q=…, #/credentials/{id}, #/negotiation/{programmeId},
 * #/eligibility/{programmeId}, #/closest, #/plans/{planId}, #/pathways/{programmeId}, #/import?job={id}. Each view renders into
 * <main> and focuses its heading, so keyboard and screen-reader users land on the new content.
 * Each render gets a signal that the next render aborts: a view that keeps working after it is
 * shown (polling an import) stops when the user leaves it or the session changes.
 */
const VIEWS = {
  catalogue: { view: catalogue, title: 'Catalogue' },
  credentials: { view: credential, title: 'Credential', section: 'catalogue' },
  negotiation: { view: negotiation, title: 'Negotiation board' },
  eligibility: { view: eligibility, title: 'Student eligibility' },
  closest: { view: closest, title: 'Closest programmes' },
  plans: { view: plan, title: 'Saved plan', section: 'closest' },
  pathways: { view: pathways, title: 'Pathways' },
  import: { view: importer, title: 'Import credentials' },
};

const parseHash = () => {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = raw.split('?');
  const [name = 'catalogue', ...rest] = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { name: VIEWS[name] ? name : 'catalogue', args: rest, query: new URLSearchParams(queryPart) };
};

let renderSeq = 0;
let shown; // the AbortController of the latest render
async function render() {
  const seq = ++renderSeq;
  shown?.abort();
  shown = new AbortController();
  const { signal } = shown;
  const { name, args, query } = parseHash();
  const entry = VIEWS[name];
  const section = entry.section ?? name;
  for (const link of document.querySelectorAll('.nav a[data-section]')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const main = document.getElementById('main');
  main.setAttribute('aria-busy', 'true');
  try {
    const content = await entry.view.render({ args, query, rerender: render, signal });
    if (seq !== renderSeq) return; // a newer navigation won
    mount(main, content);
    const heading = main.querySelector('h1');
    document.title = `${heading?.textContent ?? entry.title} · Alliance Micro-Credential Registry`;
    if (
      document.activeElement === document.body ||
      document.activeElement === main ||
      !main.contains(document.activeElement)
    ) {
      heading?.setAttribute('tabindex', '-1');
      heading?.focus({ preventScroll: false });
    }
  } catch (err) {
    if (seq !== renderSeq) return;
    mount(main, h('h1', {}, entry.title), errorBox(err));
  } finally {
    if (seq === renderSeq) main.removeAttribute('aria-busy');
  }
}

async function renderHeader() {
  const container = document.getElementById('session');
  try {
    const { signIn } = await appConfig();
    // Only the demo sign-in offers the alliance's members to pick from.
    const members = signIn.kind === 'dev' ? await allianceMembers() : [];
    renderSession(container, { members, allianceId: allianceId(), signIn });
  } catch (err) {
    mount(container, h('span', { class: 'session__error', role: 'alert' }, err.message));
  }
}

const allianceMembers = async () => {
  try {
    return (await alliance()).members;
  } catch (err) {
    throw new Error(`alliance ${allianceId()}: ${err.message}`, { cause: err });
  }
};

/*
 * A return from Cognito (?code=&state=) is finished before anything renders: the views then see
 * the signed-in user and the address the user left from. completeSignIn reports its own failures;
 * a configuration that failed to load is reported by renderHeader, which awaits the same answer,
 * while the public views still render.
 */
const [config] = await Promise.allSettled([appConfig()]);
if (config.status === 'fulfilled' && config.value.signIn.kind === 'cognito') await completeSignIn(config.value.signIn);
session.onChange(() => {
  renderHeader();
  render();
});
window.addEventListener('hashchange', render);
renderHeader();
render();
