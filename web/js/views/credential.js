import { api, institutions } from '../api.js';
import { h, formatDate } from '../dom.js';
import {
  ASSESSMENT,
  PARTICIPATION,
  QUALITY_ASSURANCE,
  STACKABILITY,
  STATUS,
  SUPERVISION,
  subjectName,
} from '../labels.js';

/** Where the credential counts (GET /credentials/{id}/programmes): each programme listing it, and in how many compositions. */
function whereItCounts(answer) {
  if (answer.items.length === 0)
    return h('p', { 'data-testid': 'where-it-counts' }, 'No programme lists this credential among its modules yet.');
  return h(
    'table',
    { class: 'table', 'data-testid': 'where-it-counts' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Programme'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'num' }, 'Compositions containing it'),
      ),
    ),
    h(
      'tbody',
      {},
      answer.items.map((p) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/pathways/${encodeURIComponent(p.programmeId)}` }, p.title)),
          h('td', {}, h('span', { class: `badge badge--${p.status}` }, STATUS[p.status] ?? p.status)),
          h('td', { class: 'num' }, `${p.exact ? '' : 'at least '}${BigInt(p.compositions).toLocaleString('en-GB')}`),
        ),
      ),
    ),
  );
}

const list = (items) =>
  items && items.length > 0
    ? h(
        'ul',
        { class: 'plain-list' },
        items.map((i) => h('li', {}, i)),
      )
    : '—';

/** One credential with the standard elements of the EU Council Recommendation 2022, and its exports. */
export async function render({ args }) {
  const id = args[0] ?? '';
  const [c, byId, counts] = await Promise.all([
    api('GET', `/credentials/${encodeURIComponent(id)}`),
    institutions(),
    api('GET', `/credentials/${encodeURIComponent(id)}/programmes`),
  ]);
  const name = (i) => (byId.get(i) ? `${byId.get(i).name} (${byId.get(i).country})` : i);
  const rows = [
    ['Title', c.title],
    [
      'Title in other languages',
      c.titles
        ? list(Object.entries(c.titles).map(([tag, title]) => h('span', { lang: tag }, `${title} (${tag})`)))
        : '—',
    ],
    ['Awarding body(ies)', list(c.awardingBodies.map(name))],
    ['Country(ies) of the issuer', (c.countries ?? []).join(', ') || '—'],
    ['Learning outcomes', list(c.learningOutcomes)],
    [
      'Notional workload',
      `${c.ects} ECTS${c.workloadHours ? ` (${c.workloadHours} hours)` : ''}${c.nanoCredential ? ' — a nano-credential: below 1 ECTS it never stacks' : ''}`,
    ],
    ['Level', `EQF ${c.eqfLevel}`],
    ['Type of assessment', ASSESSMENT[c.assessment] ?? c.assessment],
    ['Form of participation', PARTICIPATION[c.participation] ?? c.participation],
    [
      'Type of quality assurance',
      `${QUALITY_ASSURANCE[c.qualityAssurance] ?? c.qualityAssurance}${c.qaResponsible ? ` — responsible: ${name(c.qaResponsible)}` : ''}`,
    ],
    ['Supervision and identity verification', c.supervision ? SUPERVISION[c.supervision] : '—'],
    [
      'Prerequisites',
      list(
        (c.prerequisites ?? []).map((p) => h('a', { href: `#/credentials/${encodeURIComponent(p.split('@')[0])}` }, p)),
      ),
    ],
    ['Integration / stackability', STACKABILITY[c.stackability] ?? c.stackability],
    ['Subject area', subjectName(c.subjectArea)],
    ['Language(s)', (c.language ?? []).join(', ') || '—'],
    ['Skills (ESCO)', list((c.skills ?? []).map((s) => h('a', { href: s, rel: 'noopener' }, s)))],
    ['Further information', c.furtherInfo ?? '—'],
  ];
  const base = `/credentials/${encodeURIComponent(c.id)}/export`;
  return h(
    'article',
    { class: 'page' },
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/catalogue' }, '← Catalogue')),
    h('h1', {}, c.title),
    h(
      'p',
      { class: 'meta' },
      h('span', { class: `badge badge--${c.status}` }, STATUS[c.status] ?? c.status),
      ` ${c.id} · version ${c.version} · updated ${formatDate(c.updatedAt)}`,
    ),
    h(
      'section',
      { 'aria-labelledby': 'counts-h' },
      h('h2', { id: 'counts-h' }, 'Where it counts'),
      whereItCounts(counts),
    ),
    h(
      'section',
      { 'aria-labelledby': 'export-h', class: 'card' },
      h('h2', { id: 'export-h' }, 'Export'),
      h('p', {}, 'The offering as an interoperable document:'),
      h(
        'ul',
        { class: 'inline-list' },
        h(
          'li',
          {},
          h(
            'a',
            { class: 'button', href: `${base}?format=ob3`, download: `${c.id}.ob3.json` },
            'Open Badges 3.0 (JSON-LD)',
          ),
        ),
        h(
          'li',
          {},
          h(
            'a',
            { class: 'button', href: `${base}?format=elm&context=embedded`, download: `${c.id}.elm.json` },
            'European Learning Model (JSON-LD)',
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'elements-h' },
      h('h2', { id: 'elements-h' }, 'Standard elements'),
      h(
        'p',
        { class: 'field__hint' },
        'Learner identification and the date of issuing belong to an issued credential, not to the offering.',
      ),
      h(
        'dl',
        { class: 'elements' },
        rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
      ),
    ),
  );
}
