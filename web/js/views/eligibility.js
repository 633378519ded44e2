import { api, catalogue, institutions, programmes } from '../api.js';
import { h, field, announce, errorBox } from '../dom.js';
import { programmePicker } from './programme-picker.js';

const today = () => new Date().toISOString().slice(0, 10);

function resultView(answer, titles, held) {
  const name = (ref) => titles.get(ref.split('@')[0]) ?? ref;
  // The allocation also explains catalogue credentials the plan left out; only what the student sent matters here.
  const notCounted = (answer.allocation?.notCounted ?? []).filter((n) => n.credentialId.startsWith('external:') || held.has(n.credentialId.split('@')[0]));
  return h('div', { class: `result ${answer.eligible ? 'result--yes' : 'result--no'}`, 'data-testid': 'eligibility-result' },
    h('h2', { id: 'result-h', tabindex: '-1' }, answer.eligible ? '✓ Your credentials stack into this programme' : 'Not eligible yet'),
    answer.counted?.length > 0
      ? h('section', {}, h('h3', {}, `Counted (${answer.counted.length})`), h('ul', {}, answer.counted.map((c) => h('li', {}, typeof c === 'string' ? name(c) : (c.title ?? JSON.stringify(c))))))
      : null,
    notCounted.length > 0
      ? h('section', {}, h('h3', {}, `Not counted (${notCounted.length})`), h('ul', { 'data-testid': 'not-counted' }, notCounted.map((n) => h('li', {}, n.reason))))
      : null,
    answer.missing?.length > 0
      ? h('section', {}, h('h3', {}, 'What is missing'), h('ul', { 'data-testid': 'missing' }, answer.missing.map((m) => h('li', {}, m.message))))
      : null,
    answer.plan
      ? h('section', { class: 'card', 'data-testid': 'plan' },
          h('h3', {}, `Cheapest completion: ${answer.plan.additionalEcts} more ECTS in ${answer.plan.add.length} credential${answer.plan.add.length === 1 ? '' : 's'}`),
          answer.plan.add.length > 0
            ? h('ol', {}, answer.plan.add.map((id) => h('li', {}, h('a', { href: `#/credentials/${encodeURIComponent(id.split('@')[0])}` }, name(id)), ` (${id})`)))
            : h('p', {}, 'Nothing to add.'))
      : answer.eligible ? null : h('p', {}, 'No published credentials can complete this programme from what you hold.'),
    h('p', { class: 'notice', 'data-testid': 'notice' }, h('strong', {}, 'Note: '), answer.notice));
}

/** A student checks what they hold against a programme: no data is kept. */
export async function render({ args }) {
  const [list, credentials, byId] = await Promise.all([programmes(), catalogue(), institutions()]);
  const id = args[0] ?? list.find((p) => p.status === 'agreed')?.id ?? list[0]?.id;
  const titles = new Map(credentials.map((c) => [c.id, c.title]));
  const byInstitution = new Map();
  for (const c of credentials.filter((x) => x.status === 'published')) {
    if (!byInstitution.has(c.institutionId)) byInstitution.set(c.institutionId, []);
    byInstitution.get(c.institutionId).push(c);
  }
  const issuedOn = h('input', { type: 'date', name: 'issuedOn', value: today(), max: today(), required: true });
  const docText = h('textarea', { name: 'document', rows: 6, class: 'code-input', spellcheck: 'false', placeholder: '{ "@context": [...], "type": ["VerifiableCredential", "OpenBadgeCredential"], ... }' });
  const documents = [];
  const docList = h('ul', { class: 'plain-list', 'data-testid': 'documents' });
  const docStatus = h('div');
  const addDocument = () => {
    const text = docText.value.trim();
    if (!text) return true;
    try {
      const doc = JSON.parse(text);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('a credential document is a JSON object');
      documents.push(doc);
      const label = doc.name ?? doc.credentialSubject?.achievement?.name ?? doc.title ?? (Array.isArray(doc.type) ? doc.type.join(', ') : 'credential document');
      const item = h('li', {}, `Pasted credential: ${typeof label === 'object' ? JSON.stringify(label) : label} `,
        h('button', { type: 'button', class: 'button button--quiet button--small', onclick: () => {
          documents.splice(documents.indexOf(doc), 1);
          item.remove();
        } }, 'Remove'));
      docList.append(item);
      docText.value = '';
      docStatus.replaceChildren();
      return true;
    } catch (err) {
      docStatus.replaceChildren(errorBox(new Error(`The pasted text is not a credential document: ${err.message}`)));
      return false;
    }
  };
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'eligibility-form', onsubmit: async (event) => {
    event.preventDefault();
    if (!addDocument()) return;
    const picked = [...form.querySelectorAll('input[name="held"]:checked')].map((box) => box.value);
    const achievements = [
      ...picked.map((credentialId) => ({ credentialId, issuedOn: issuedOn.value })),
      ...documents.map((document) => ({ document })),
    ];
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const answer = await api('POST', `/programmes/${encodeURIComponent(id)}/eligibility`, { achievements });
      result.replaceChildren(resultView(answer, titles, new Set(picked)));
      announce(answer.eligible ? 'Eligible' : `Not eligible yet: ${answer.missing.length} things missing`);
      result.querySelector('h2')?.focus();
    } catch (err) {
      result.replaceChildren(errorBox(err));
    } finally {
      submit.disabled = false;
    }
  } },
  h('fieldset', {},
    h('legend', {}, 'Credentials you hold from the catalogue'),
    field('Issued on', issuedOn, 'The date on your certificates (one date for all ticked credentials).'),
    h('div', { class: 'held-groups' }, [...byInstitution.entries()].map(([inst, items]) => h('fieldset', { class: 'held-group' },
      h('legend', {}, byId.get(inst)?.name ?? inst),
      items.map((c) => h('div', { class: 'check' },
        h('input', { type: 'checkbox', name: 'held', value: c.id, id: `held-${c.id}` }),
        h('label', { for: `held-${c.id}` }, `${c.title} `, h('span', { class: 'muted' }, `${c.ects} ECTS · EQF ${c.eqfLevel}`)))))))),
  h('fieldset', {},
    h('legend', {}, 'Or a credential from elsewhere'),
    field('Paste an Open Badges 3.0 or European Learning Model credential (JSON)', docText, 'It is read in your request only and never stored.'),
    h('button', { type: 'button', class: 'button button--quiet', onclick: addDocument }, 'Add this credential'),
    docStatus,
    docList),
  h('button', { type: 'submit', class: 'button button--primary' }, 'Check eligibility'));

  return h('div', { class: 'page' },
    programmePicker(list, id, 'eligibility'),
    h('h1', {}, `Eligibility: ${list.find((p) => p.id === id)?.title ?? id}`),
    h('p', { class: 'lead' }, 'Tick what you hold and see whether it stacks into the programme, what is missing, and the cheapest way to complete it. The registry keeps nothing you enter here.'),
    form,
    result);
}
