import { api, ApiError, forget, institutionName, listAll } from '../api.js';
import { h, announce, errorBox, formatDate } from '../dom.js';

// GET /imports/{id} is one read (docs/csv-import.md): cheap enough to ask twice a second.
const POLL_MS = 500;
const CREATED_SHOWN = 10;
const STATUS = { queued: 'Queued', running: 'Running', completed: 'Completed', failed: 'Failed' };
const OUTCOMES = [
  ['created', 'Created', 'new credentials'],
  ['updated', 'Updated', 'changed rows: the next version of their credential'],
  ['unchanged', 'Unchanged', 'the same as the registered credential: nothing written'],
  ['rejected', 'Rejected', 'skipped: listed below'],
];

const count = (n) => n.toLocaleString('en-GB');
const finished = (job) => job.status === 'completed' || job.status === 'failed';
const summary = (job) => OUTCOMES.map(([key, word]) => `${count(job[key])} ${word.toLowerCase()}`).join(', ');

/** Waits `ms`, or less when the view is left: no timer outlives it. */
const pause = (ms, signal) =>
  new Promise((resolve) => {
    const done = () => {
      window.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = window.setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

function countsTable(job) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table import-counts', 'data-testid': 'import-counts' },
      h('caption', {}, `Rows by outcome (${count(job.rows)} rows in the file)`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Outcome', 'Rows', 'Meaning'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        OUTCOMES.map(([key, word, meaning]) =>
          h(
            'tr',
            { 'data-outcome': key },
            h('th', { scope: 'row' }, word),
            h('td', { class: 'num' }, count(job[key])),
            h('td', {}, meaning),
          ),
        ),
      ),
    ),
  );
}

function headerProblems(problems) {
  if (problems.length === 0) return null;
  return h(
    'div',
    { class: 'alert alert--warn', 'data-testid': 'import-header-problems' },
    h(
      'p',
      {},
      h('strong', {}, 'Columns: '),
      'these columns were not imported (check their names against the column list).',
    ),
    h(
      'ul',
      {},
      problems.map((p) => h('li', {}, h('code', {}, p.column), ' — ', p.message)),
    ),
  );
}

function rejectedTable(items) {
  if (items.length === 0) return h('p', {}, 'No row was rejected.');
  return h(
    'div',
    {},
    h(
      'p',
      {},
      'Fix these rows in the spreadsheet and import the whole file again: rows already imported are left unchanged. ',
      'Row numbers are those of the spreadsheet (the header is row 1).',
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table', 'data-testid': 'import-rejected' },
        h('caption', { class: 'visually-hidden' }, 'Problems of the rejected rows'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Row', 'Column', 'Problem'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          items.flatMap((item) =>
            (item.problems ?? []).map((p) =>
              h(
                'tr',
                { 'data-row': item.row },
                h('th', { scope: 'row', class: 'num' }, item.row),
                h('td', {}, h('code', {}, p.column)),
                h('td', {}, p.message),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function createdList(items, job) {
  if (items.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'import-created-h' },
    h('h3', { id: 'import-created-h' }, 'Created credentials'),
    h('p', {}, items.length < job.created ? `The first ${items.length} of ${count(job.created)}:` : 'All of them:'),
    h(
      'ul',
      { class: 'plain-list', 'data-testid': 'import-created' },
      items.map((r) =>
        h(
          'li',
          {},
          h('a', { href: `#/credentials/${encodeURIComponent(r.credentialId)}` }, r.credentialId),
          ` (row ${r.row})`,
        ),
      ),
    ),
    h(
      'p',
      {},
      h(
        'a',
        { href: `#/catalogue?institution=${encodeURIComponent(job.institutionId)}` },
        'The institution’s credentials in the catalogue',
      ),
    ),
  );
}

async function report(job, path, signal) {
  const [rejected, created] = await Promise.all([
    job.rejected > 0 ? listAll(`${path}/rows?outcome=rejected`, 100, { signal }) : [],
    job.created > 0
      ? api('GET', `${path}/rows?outcome=created&limit=${CREATED_SHOWN}`, undefined, { signal }).then(
          (page) => page.items,
        )
      : [],
  ]);
  return h(
    'section',
    { 'aria-labelledby': 'import-report-h', 'data-testid': 'import-report' },
    h('h2', { id: 'import-report-h' }, job.status === 'failed' ? 'The import failed' : 'Import complete'),
    job.failure
      ? h(
          'div',
          { class: 'alert alert--error', role: 'alert' },
          h('p', {}, h('strong', {}, 'Failure: '), job.failure),
          h('p', {}, 'Rows written before it stay; importing the file again finishes the rest.'),
        )
      : null,
    countsTable(job),
    headerProblems(job.headerProblems ?? []),
    h(
      'section',
      { 'aria-labelledby': 'import-rejected-h' },
      h('h3', { id: 'import-rejected-h' }, `Rejected rows (${count(job.rejected)})`),
      rejectedTable(rejected),
    ),
    createdList(created, job),
  );
}

/** One import job: progress polled until it ends (or the view is left), then its report. */
export async function renderJob({ id, rerender, signal }) {
  const path = `/imports/${encodeURIComponent(id)}`;
  let job;
  try {
    job = await api('GET', path, undefined, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      throw new ApiError(
        404,
        err.code,
        `there is no import ${id} you may read: only its institution and the coordinators of its alliances see an import, and imports expire 30 days after the upload`,
      );
    }
    throw err;
  }
  const institution = await institutionName(job.institutionId);

  const progress = h('progress', {
    id: 'import-progress',
    class: 'import-progress',
    'aria-describedby': 'import-progress-text',
  });
  const progressText = h('p', {
    id: 'import-progress-text',
    class: 'import-progress__text',
    'data-testid': 'import-progress-text',
  });
  const badge = h('span', { 'data-testid': 'import-status' });
  const trouble = h('div');
  const outcome = h('div');
  let said;

  const show = () => {
    // A file of only a header has no rows: its (finished) bar is full rather than empty.
    progress.max = Math.max(job.rows, 1);
    progress.value = job.rows === 0 ? 1 : job.processed;
    progressText.textContent = `${count(job.processed)} of ${count(job.rows)} rows`;
    progress.textContent = progressText.textContent;
    badge.className = `badge badge--${job.status}`;
    badge.textContent = STATUS[job.status] ?? job.status;
    // Status changes are announced, not every poll: a screen reader would read nothing else.
    if (said !== job.status && !finished(job)) announce(`Import ${job.status}: ${progressText.textContent}`);
    said = job.status;
  };

  const follow = async () => {
    try {
      while (!finished(job)) {
        await pause(POLL_MS, signal);
        if (signal.aborted) return;
        job = await api('GET', path, undefined, { signal });
        show();
      }
      if (job.created + job.updated > 0) forget('catalogue');
      outcome.replaceChildren(await report(job, path, signal));
      announce(`Import ${job.status}: ${summary(job)}`);
    } catch (err) {
      if (signal.aborted) return; // the user left: the aborted request is no failure
      trouble.replaceChildren(
        errorBox(err),
        h('button', { type: 'button', class: 'button button--quiet', onclick: () => rerender() }, 'Check again'),
      );
    }
  };

  show();
  follow(); // not awaited: the view shows the progress while the rows are written
  return h(
    'div',
    { class: 'page' },
    h('h1', {}, 'Import credentials from a spreadsheet'),
    h(
      'p',
      { class: 'meta', 'data-testid': 'import-meta' },
      `Import ${job.id} for ${institution} (${job.institutionId.toUpperCase()}) · uploaded ${formatDate(job.createdAt)}`,
    ),
    h(
      'section',
      { 'aria-labelledby': 'import-progress-h' },
      h('h2', { id: 'import-progress-h' }, 'Progress'),
      h('div', { class: 'field' }, h('label', { for: 'import-progress' }, 'Rows processed'), progress, progressText),
      h('p', {}, 'Status: ', badge),
      trouble,
    ),
    outcome,
    h('p', {}, h('a', { href: '#/import' }, 'Import another file')),
  );
}
