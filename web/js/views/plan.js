import { api } from '../api.js';
import { h, announce, errorBox, field, formatDate } from '../dom.js';
import { credentialTitles, titleOf } from './held-form.js';
import { PLAN_KEYS, resultView } from './eligibility.js';

const plainDate = (iso) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** What the learner held when saving, in words. */
const heldList = (achievements, titles) =>
  h(
    'ul',
    { class: 'plain-list', 'data-testid': 'plan-held' },
    achievements.map((a) => {
      if (a.credentialId) {
        return h(
          'li',
          {},
          h(
            'a',
            { href: `#/credentials/${encodeURIComponent(a.credentialId.split('@')[0])}` },
            titleOf(titles, a.credentialId),
          ),
          ` — issued ${plainDate(a.issuedOn)}${a.score !== undefined ? `, score ${Math.round(a.score * 1000) / 10} %` : ''}`,
        );
      }
      if (a.external)
        return h('li', {}, `${a.external.title} (${a.external.issuer}) — issued ${plainDate(a.external.issuedOn)}`);
      return h('li', {}, 'A pasted credential document');
    }),
  );

/** A saved plan (GET /plans/{id}), as the advisor sees it from the link; the learner can delete it with its key. */
export async function render({ args }) {
  const id = args[0] ?? '';
  const [plan, titles] = await Promise.all([
    api('GET', `/plans/${encodeURIComponent(id)}`, undefined, { auth: false }),
    credentialTitles(),
  ]);
  const programme = await api('GET', `/programmes/${encodeURIComponent(plan.programmeId)}`).catch(() => undefined);
  const remembered = JSON.parse(window.localStorage.getItem(PLAN_KEYS) ?? '{}')[id];
  const keyInput = h('input', {
    type: 'text',
    name: 'planKey',
    value: remembered ?? '',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const status = h('div', { 'aria-live': 'polite' });
  const remove = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await api('DELETE', `/plans/${encodeURIComponent(id)}`, undefined, {
            auth: false,
            headers: { 'plan-key': keyInput.value.trim() },
          });
          const keys = JSON.parse(window.localStorage.getItem(PLAN_KEYS) ?? '{}');
          delete keys[id];
          window.localStorage.setItem(PLAN_KEYS, JSON.stringify(keys));
          status.replaceChildren(
            h('p', { class: 'alert', 'data-testid': 'plan-deleted' }, 'The plan is deleted: the link no longer works.'),
          );
          remove.querySelector('button').disabled = true;
          announce('Plan deleted');
        } catch (err) {
          status.replaceChildren(errorBox(err));
        }
      },
    },
    h('h2', {}, 'Delete this plan'),
    field(
      'Delete key',
      keyInput,
      remembered ? 'This browser saved the plan and remembers its key.' : 'The key shown when the plan was saved.',
    ),
    h('button', { type: 'submit', class: 'button' }, 'Delete the plan'),
    status,
  );
  return h(
    'article',
    { class: 'page' },
    h('h1', {}, `Saved plan: ${programme?.title ?? plan.programmeId}`),
    h(
      'p',
      { class: 'meta', 'data-testid': 'plan-meta' },
      `Saved ${formatDate(plan.createdAt)} · expires ${formatDate(plan.expiresAt)}${plan.asOf ? ` · as of ${plainDate(plan.asOf)}` : ''}`,
    ),
    h('section', {}, h('h2', {}, 'What the student held'), heldList(plan.achievements, titles)),
    resultView(
      plan.answer,
      titles,
      new Set(plan.achievements.filter((a) => a.credentialId).map((a) => a.credentialId.split('@')[0])),
    ),
    h(
      'p',
      { class: 'muted' },
      'The answer as the registry gave it when the plan was saved; the programme or the catalogue may have changed since.',
    ),
    remove,
  );
}
