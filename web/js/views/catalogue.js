import { api, institutions } from '../api.js';
import { h, field, select, announce, errorBox } from '../dom.js';
import { PARTICIPATION, subjectName } from '../labels.js';

const FILTERS = ['institution', 'eqfLevel', 'subjectArea', 'skill', 'q'];

/** The catalogue with its filters; the filters live in the address, so a filtered list can be shared. */
export async function render({ query }) {
  const byId = await institutions();
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': 'Filter the catalogue',
      onsubmit: (event) => {
        event.preventDefault();
        const params = new URLSearchParams();
        for (const name of FILTERS) {
          const value = form.elements[name].value.trim();
          if (value) params.set(name, value);
        }
        window.location.hash = `#/catalogue${params.size > 0 ? `?${params}` : ''}`;
      },
    },
    field(
      'Institution',
      select(
        [['', 'Any institution'], ...[...byId.values()].map((i) => [i.id, `${i.name} (${i.country})`])],
        query.get('institution') ?? '',
        { name: 'institution' },
      ),
    ),
    field(
      'EQF level',
      select(
        [['', 'Any level'], ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => [String(n), `EQF ${n}`])],
        query.get('eqfLevel') ?? '',
        { name: 'eqfLevel' },
      ),
    ),
    field(
      'Subject area',
      h('input', {
        name: 'subjectArea',
        value: query.get('subjectArea') ?? '',
        inputmode: 'numeric',
        pattern: '[0-9]{2,4}',
        placeholder: 'e.g. 0613',
      }),
      'ISCED-F 2013 code',
    ),
    field(
      'Skill',
      h('input', {
        name: 'skill',
        type: 'url',
        value: query.get('skill') ?? '',
        placeholder: 'http://data.europa.eu/esco/skill/…',
      }),
      'ESCO skill URI',
    ),
    field(
      'Text',
      h('input', { name: 'q', type: 'search', value: query.get('q') ?? '', placeholder: 'e.g. machine learning' }),
    ),
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'button' }, 'Apply filters'),
      h('a', { class: 'button button--quiet', href: '#/catalogue' }, 'Clear'),
    ),
  );

  const tbody = h('tbody');
  const summary = h('p', { class: 'result-summary', 'data-testid': 'catalogue-summary' });
  const more = h('button', { type: 'button', class: 'button button--quiet', hidden: true }, 'Show more');
  const status = h('div');
  let cursor;
  let shown = 0;

  const load = async () => {
    const params = new URLSearchParams({ limit: '20' });
    for (const name of FILTERS) if (query.get(name)) params.set(name, query.get(name));
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api('GET', `/credentials?${params}`);
      for (const c of page.items) {
        tbody.append(
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, h('a', { href: `#/credentials/${encodeURIComponent(c.id)}` }, c.title)),
            h('td', {}, byId.get(c.institutionId)?.name ?? c.institutionId),
            h('td', { class: 'num' }, c.ects),
            h('td', { class: 'num' }, c.eqfLevel),
            h('td', {}, subjectName(c.subjectArea)),
            h('td', {}, PARTICIPATION[c.participation] ?? c.participation),
          ),
        );
      }
      shown += page.items.length;
      cursor = page.cursor;
      more.hidden = !cursor;
      summary.textContent =
        shown === 0
          ? 'No credential matches these filters.'
          : `Showing ${shown} credential${shown === 1 ? '' : 's'}${cursor ? ' (more available)' : ''}.`;
      announce(summary.textContent);
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  more.addEventListener('click', load);
  await load();

  return h(
    'div',
    { class: 'page' },
    h('h1', {}, 'Catalogue of micro-credentials'),
    h(
      'p',
      { class: 'lead' },
      'Every published micro-credential of the alliance, described with the EU standard elements.',
    ),
    form,
    status,
    summary,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'visually-hidden' }, 'Micro-credentials'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Title', 'Institution', 'ECTS', 'EQF', 'Subject area', 'Participation'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        tbody,
      ),
    ),
    more,
  );
}
