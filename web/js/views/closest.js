import { allianceId, api } from '../api.js';
import { h, announce, errorBox } from '../dom.js';
import { STATUS } from '../labels.js';
import { credentialTitles, heldForm, titleOf } from './held-form.js';

/** One ranked programme: how far the student is from it, and the credentials that would complete it. */
function rankedItem(item, titles) {
  const verdict = item.eligible
    ? h('strong', { class: 'closest__verdict closest__verdict--yes' }, '✓ Your credentials complete it')
    : item.plan
      ? h(
          'strong',
          { class: 'closest__verdict' },
          `${item.plan.additionalEcts} more ECTS in ${item.plan.add.length} credential${item.plan.add.length === 1 ? '' : 's'}`,
        )
      : h('strong', { class: 'closest__verdict closest__verdict--no' }, 'No published credentials can complete it');
  return h(
    'li',
    { class: 'card closest__item', 'data-programme': item.programmeId },
    h(
      'h2',
      {},
      h('a', { href: `#/eligibility/${encodeURIComponent(item.programmeId)}` }, item.title),
      ' ',
      h('span', { class: `badge badge--${item.status}` }, STATUS[item.status] ?? item.status),
    ),
    h('p', {}, verdict),
    item.plan && item.plan.add.length > 0
      ? h(
          'ul',
          { class: 'chips' },
          item.plan.add.map((ref) =>
            h(
              'li',
              {},
              h(
                'a',
                { class: 'chip', href: `#/credentials/${encodeURIComponent(ref.split('@')[0])}` },
                titleOf(titles, ref),
              ),
            ),
          ),
        )
      : null,
  );
}

/** "Which of the alliance's programmes am I closest to?" (POST /eligibility); nothing is kept. */
export async function render() {
  const [titles, form] = await Promise.all([credentialTitles(), heldForm()]);
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, 'Find my closest programmes');
  const element = h(
    'form',
    {
      class: 'eligibility-form',
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        try {
          const answer = await api('POST', '/eligibility', {
            achievements: form.achievements(),
            allianceId: allianceId(),
          });
          result.replaceChildren(
            h(
              'h2',
              { id: 'closest-h', tabindex: '-1' },
              `${answer.items.length} agreed programme${answer.items.length === 1 ? '' : 's'}, closest first`,
            ),
            h(
              'ol',
              { class: 'closest', 'data-testid': 'closest' },
              answer.items.map((item) => rankedItem(item, titles)),
            ),
            h('p', { class: 'notice' }, h('strong', {}, 'Note: '), answer.notice),
          );
          announce(`${answer.items.length} programmes ranked`);
          result.querySelector('h2')?.focus();
        } catch (err) {
          result.replaceChildren(errorBox(err));
        } finally {
          submit.disabled = false;
        }
      },
    },
    form.element,
    submit,
  );
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, 'Closest programmes'),
    h(
      'p',
      { class: 'lead' },
      'Tick what you hold: every agreed programme of the alliance is checked, and the ones you are closest to — the fewest additional ECTS — come first.',
    ),
    element,
    result,
  );
}
