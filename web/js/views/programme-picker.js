import { h, select } from '../dom.js';
import { STATUS } from '../labels.js';

/** A programme chooser that navigates to #/{section}/{programmeId}. */
export function programmePicker(list, currentId, section) {
  const picker = select(
    list.map((p) => [p.id, `${p.title} — ${STATUS[p.status] ?? p.status}`]),
    currentId,
    { name: 'programme', id: `${section}-programme` },
  );
  return h(
    'form',
    {
      class: 'inline-form programme-picker',
      onsubmit: (event) => {
        event.preventDefault();
        window.location.hash = `#/${section}/${encodeURIComponent(picker.value)}`;
      },
    },
    h('div', { class: 'field' }, h('label', { for: picker.id }, 'Programme'), picker),
    h('button', { type: 'submit', class: 'button button--quiet' }, 'Show'),
  );
}
