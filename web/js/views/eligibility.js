import { api, programmes } from '../api.js';
import { h, announce, errorBox, formatDate } from '../dom.js';
import { credentialTitles, heldForm, titleOf } from './held-form.js';
import { programmePicker } from './programme-picker.js';

/** Delete keys of the plans saved in this browser, so the learner can delete them from here. */
export const PLAN_KEYS = 'registry.planKeys';
export const rememberPlanKey = (id, key) => {
  const keys = JSON.parse(window.localStorage.getItem(PLAN_KEYS) ?? '{}');
  window.localStorage.setItem(PLAN_KEYS, JSON.stringify({ ...keys, [id]: key }));
};

/** An eligibility answer (SPEC §5) in words: counted, not counted, missing, the cheapest plan by title, the notice. */
export function resultView(answer, titles, held) {
  const name = (ref) => titleOf(titles, ref);
  const imported = new Map((answer.imported ?? []).map((d) => [`external:${d.achievement}`, d.title]));
  const counted = (ref) => imported.get(ref) ?? name(ref);
  // The allocation also explains catalogue credentials the plan left out; only what the student sent matters here.
  const notCounted = [
    ...(answer.notCounted ?? []).map((n) => `${counted(n.key)}: ${n.message}`),
    ...(answer.allocation?.notCounted ?? [])
      .filter((n) => n.credentialId.startsWith('external:') || held.has(n.credentialId.split('@')[0]))
      .map((n) => n.reason),
  ].filter(Boolean);
  const matched = (answer.imported ?? []).filter((d) => d.matched);
  return h(
    'div',
    { class: `result ${answer.eligible ? 'result--yes' : 'result--no'}`, 'data-testid': 'eligibility-result' },
    h(
      'h2',
      { id: 'result-h', tabindex: '-1' },
      answer.eligible ? '✓ Your credentials stack into this programme' : 'Not eligible yet',
    ),
    answer.counted?.length > 0
      ? h(
          'section',
          {},
          h('h3', {}, `Counted (${answer.counted.length})`),
          h(
            'ul',
            { 'data-testid': 'counted' },
            answer.counted.map((c) => h('li', {}, counted(c))),
          ),
        )
      : null,
    matched.length > 0
      ? h(
          'p',
          { class: 'muted', 'data-testid': 'matched' },
          matched.map((d) => `“${d.title}” was exported by this registry: it counts as ${name(d.matched)}.`).join(' '),
        )
      : null,
    notCounted.length > 0
      ? h(
          'section',
          {},
          h('h3', {}, `Not counted (${notCounted.length})`),
          h(
            'ul',
            { 'data-testid': 'not-counted' },
            notCounted.map((n) => h('li', {}, n)),
          ),
        )
      : null,
    answer.missing?.length > 0
      ? h(
          'section',
          {},
          h('h3', {}, 'What is missing'),
          h(
            'ul',
            { 'data-testid': 'missing' },
            answer.missing.map((m) => h('li', {}, m.message)),
          ),
        )
      : null,
    answer.plan
      ? h(
          'section',
          { class: 'card', 'data-testid': 'plan' },
          h(
            'h3',
            {},
            `Cheapest completion: ${answer.plan.additionalEcts} more ECTS in ${answer.plan.add.length} credential${answer.plan.add.length === 1 ? '' : 's'}`,
          ),
          answer.plan.add.length > 0
            ? h(
                'ol',
                {},
                answer.plan.add.map((ref) =>
                  h(
                    'li',
                    { 'data-credential': ref.split('@')[0] },
                    h('a', { href: `#/credentials/${encodeURIComponent(ref.split('@')[0])}` }, name(ref)),
                  ),
                ),
              )
            : h('p', {}, 'Nothing to add.'),
        )
      : answer.eligible
        ? null
        : h('p', {}, 'No published credentials can complete this programme from what you hold.'),
    h('p', { class: 'notice', 'data-testid': 'notice' }, h('strong', {}, 'Note: '), answer.notice),
  );
}

/** After a check: keep the answer as a plan (POST /plans) and show its link and delete key. */
function savePlanBox(programmeId, achievements) {
  const box = h('div', { class: 'card save-plan', 'data-testid': 'save-plan' });
  const save = h('button', { type: 'button', class: 'button' }, 'Save this plan and get a link');
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      const plan = await api('POST', '/plans', { programmeId, achievements });
      rememberPlanKey(plan.id, plan.deleteKey);
      const link = `${window.location.origin}${window.location.pathname}#/plans/${plan.id}`;
      box.replaceChildren(
        h('h3', {}, 'Plan saved'),
        h(
          'p',
          {},
          'Anyone with this link can see the plan, for example your advisor. It expires on ',
          formatDate(plan.expiresAt),
          '.',
        ),
        h('p', {}, h('a', { href: link, 'data-testid': 'plan-link' }, link)),
        h(
          'p',
          { class: 'muted' },
          'Delete key (needed to delete the plan; this browser remembers it): ',
          h('code', { 'data-testid': 'plan-key' }, plan.deleteKey),
        ),
      );
      announce('Plan saved');
    } catch (err) {
      box.append(errorBox(err));
      save.disabled = false;
    }
  });
  box.append(
    h(
      'p',
      {},
      'Keep this answer and share it: the registry stores what you entered and the answer for a year, nothing else.',
    ),
    save,
  );
  return box;
}

/** A student checks what they hold against a programme: nothing is kept unless they save the plan. */
export async function render({ args }) {
  const [list, titles, form] = await Promise.all([programmes(), credentialTitles(), heldForm()]);
  const id = args[0] ?? list.find((p) => p.status === 'agreed')?.id ?? list[0]?.id;
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, 'Check eligibility');
  const element = h(
    'form',
    {
      class: 'eligibility-form',
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        try {
          const achievements = form.achievements();
          const answer = await api('POST', `/programmes/${encodeURIComponent(id)}/eligibility`, { achievements });
          result.replaceChildren(resultView(answer, titles, form.held()), savePlanBox(id, achievements));
          announce(answer.eligible ? 'Eligible' : `Not eligible yet: ${answer.missing.length} things missing`);
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
    programmePicker(list, id, 'eligibility'),
    h('h1', {}, `Eligibility: ${list.find((p) => p.id === id)?.title ?? id}`),
    h(
      'p',
      { class: 'lead' },
      'Tick what you hold and see whether it stacks into the programme, what is missing, and the cheapest way to complete it. The registry keeps nothing you enter here unless you save the plan.',
    ),
    element,
    result,
  );
}
