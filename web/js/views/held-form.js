import { catalogue, institutions } from '../api.js';
import { h, field, errorBox } from '../dom.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Titles by credential id, for showing `id@version` references as the names students know. */
export async function credentialTitles() {
  return new Map((await catalogue()).map((c) => [c.id, c.title]));
}
export const titleOf = (titles, ref) => titles.get(String(ref).split('@')[0]) ?? ref;

/**
 * What a student holds: each ticked catalogue credential with its own date of issuing and, where
 * the certificate states one, its score (SPEC §3 achievement: issuedOn, score 0–1); and pasted
 * OB3 / ELM documents. `achievements()` answers the request's array, or throws with a message.
 * Nothing is kept: the form lives in the page.
 */
export async function heldForm() {
  const [credentials, byId] = await Promise.all([catalogue(), institutions()]);
  const byInstitution = new Map();
  for (const c of credentials.filter((x) => x.status === 'published')) {
    if (!byInstitution.has(c.institutionId)) byInstitution.set(c.institutionId, []);
    byInstitution.get(c.institutionId).push(c);
  }
  const rows = [];
  const row = (c) => {
    const box = h('input', { type: 'checkbox', name: 'held', value: c.id, id: `held-${c.id}` });
    const issuedOn = h('input', {
      type: 'date',
      value: today(),
      max: today(),
      'aria-label': `Issued on: ${c.title}`,
      'data-testid': `issued-${c.id}`,
    });
    const score = h('input', {
      type: 'number',
      min: 0,
      max: 100,
      step: 'any',
      placeholder: '%',
      'aria-label': `Score in %: ${c.title}`,
      'data-testid': `score-${c.id}`,
    });
    const details = h(
      'div',
      { class: 'held-details', hidden: true },
      h('label', { class: 'held-details__item' }, h('span', {}, 'Issued on'), issuedOn),
      h('label', { class: 'held-details__item' }, h('span', {}, 'Score %'), score),
    );
    box.addEventListener('change', () => {
      details.hidden = !box.checked;
    });
    rows.push({ c, box, issuedOn, score });
    return h(
      'div',
      { class: 'check check--held' },
      box,
      h(
        'div',
        {},
        h('label', { for: box.id }, `${c.title} `, h('span', { class: 'muted' }, `${c.ects} ECTS · EQF ${c.eqfLevel}`)),
        details,
      ),
    );
  };

  const docText = h('textarea', {
    name: 'document',
    rows: 5,
    class: 'code-input',
    spellcheck: 'false',
    placeholder: '{ "@context": [...], "type": ["VerifiableCredential", "OpenBadgeCredential"], ... }',
  });
  const documents = [];
  const docList = h('ul', { class: 'plain-list', 'data-testid': 'documents' });
  const docStatus = h('div');
  const addDocument = () => {
    const text = docText.value.trim();
    if (!text) return true;
    try {
      const doc = JSON.parse(text);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc))
        throw new Error('a credential document is a JSON object');
      documents.push(doc);
      const label =
        doc.name ??
        doc.credentialSubject?.achievement?.name ??
        doc.title ??
        (Array.isArray(doc.type) ? doc.type.join(', ') : 'credential document');
      const item = h(
        'li',
        {},
        `Pasted credential: ${typeof label === 'object' ? JSON.stringify(label) : label} `,
        h(
          'button',
          {
            type: 'button',
            class: 'button button--quiet button--small',
            onclick: () => {
              documents.splice(documents.indexOf(doc), 1);
              item.remove();
            },
          },
          'Remove',
        ),
      );
      docList.append(item);
      docText.value = '';
      docStatus.replaceChildren();
      return true;
    } catch (err) {
      docStatus.replaceChildren(errorBox(new Error(`The pasted text is not a credential document: ${err.message}`)));
      return false;
    }
  };

  const element = h(
    'div',
    { class: 'held-form' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Credentials you hold from the catalogue'),
      h(
        'p',
        { class: 'field__hint' },
        'Tick each credential you hold, then give the date on its certificate and, if it states one, your score.',
      ),
      h(
        'div',
        { class: 'held-groups' },
        [...byInstitution.entries()].map(([inst, items]) =>
          h('fieldset', { class: 'held-group' }, h('legend', {}, byId.get(inst)?.name ?? inst), items.map(row)),
        ),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Or a credential from elsewhere'),
      field(
        'Paste an Open Badges 3.0 or European Learning Model credential (JSON)',
        docText,
        'Read in your request only. One this registry exported counts as that credential.',
      ),
      h('button', { type: 'button', class: 'button button--quiet', onclick: addDocument }, 'Add this credential'),
      docStatus,
      docList,
    ),
  );

  /** The achievements of SPEC §3, in the order shown; a pending pasted text is added first. */
  const achievements = () => {
    if (!addDocument()) throw new Error('The pasted text is not a credential document.');
    const picked = rows
      .filter((r) => r.box.checked)
      .map((r) => {
        if (!r.issuedOn.value) throw new Error(`Give the date on the certificate of ${r.c.title}.`);
        const percent = r.score.value === '' ? undefined : Number(r.score.value);
        if (percent !== undefined && !(percent >= 0 && percent <= 100))
          throw new Error(`The score of ${r.c.title} is a percentage from 0 to 100.`);
        return {
          credentialId: r.c.id,
          issuedOn: r.issuedOn.value,
          ...(percent !== undefined ? { score: percent / 100 } : {}),
        };
      });
    return [...picked, ...documents.map((document) => ({ document }))];
  };
  const held = () => new Set(rows.filter((r) => r.box.checked).map((r) => r.c.id));
  return { element, achievements, held };
}
