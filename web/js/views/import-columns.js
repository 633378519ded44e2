import { h } from '../dom.js';

/*
 * The CSV columns of docs/csv-import.md, shown in the app (docs/ is not served with it). The names
 * and the required ones are those of shared/app/csv/columns.ts; test/browser/import.test.ts holds
 * this list to it.
 */
const COLUMNS = [
  ['key', 'your own stable code for the offering; the credential id is <institution>--<key>', true, 'deep-learning'],
  ['title', 'title', true, 'Deep Learning for Engineers'],
  ['learning_outcomes', 'learning outcomes (list)', true, 'Design neural networks|Evaluate models'],
  ['ects', 'notional workload in ECTS (> 0; below 1 it is a nano-credential and never stacks)', true, '5'],
  ['workload_hours', 'notional workload in hours (25–30 per ECTS)', false, '150'],
  ['eqf_level', 'level (EQF 1–8)', true, '7'],
  ['assessment', 'type of assessment: exam, oral, project, portfolio, practical, online-test, other', true, 'project'],
  ['participation', 'form of participation: online, onsite, blended', true, 'blended'],
  [
    'quality_assurance',
    'type of quality assurance: external-esg, accredited-programme, internal, non-academic-certification',
    true,
    'external-esg',
  ],
  ['qa_responsible', 'institution responsible for QA (required with more than one awarding body)', false, 'luh'],
  [
    'supervision',
    'supervision and identity verification: unsupervised, supervised, supervised-online, onsite-id',
    false,
    'onsite-id',
  ],
  ['stackability', 'integration/stackability options: standalone, stackable', true, 'stackable'],
  [
    'awarding_bodies',
    'awarding body(ies), institution ids (list); default: the importing institution',
    false,
    'luh|tuwien',
  ],
  ['prerequisites', 'prerequisites, credential ids or id@version (list)', false, 'luh-machine-learning'],
  ['subject_area', 'ISCED-F 2013 field code', false, '0613'],
  ['language', 'BCP-47 language tags (list)', false, 'en|de'],
  ['skills', 'ESCO skill URIs (list)', false, 'http://data.europa.eu/esco/skill/…'],
  ['further_info', 'further information', false, 'Offered each winter term'],
];

/** The column reference, folded: what each column holds, which are required, an example. */
export const columnsReference = () =>
  h(
    'details',
    { class: 'card', 'data-testid': 'import-columns' },
    h('summary', {}, 'Columns and their rules'),
    h(
      'p',
      {},
      'One row is one micro-credential offering, described with the standard elements of the EU Council Recommendation (2022). ',
      'Column names are case-insensitive; lists go in one cell, separated by ',
      h('code', {}, '|'),
      '; an empty cell means “not given”. ',
      'An unknown column is reported and the rest of the file still goes in.',
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'visually-hidden' }, 'CSV columns'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Column', 'Standard element', 'Required', 'Example'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          COLUMNS.map(([name, element, required, example]) =>
            h(
              'tr',
              { 'data-column': name, 'data-required': String(required) },
              h('th', { scope: 'row' }, h('code', {}, name)),
              h('td', {}, element),
              h('td', {}, required ? 'required' : 'optional'),
              h('td', {}, h('code', {}, example)),
            ),
          ),
        ),
      ),
    ),
  );
