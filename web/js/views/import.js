import { alliance, allianceId, api, ApiError, institutions } from '../api.js';
import { h, field, select, announce, errorBox } from '../dom.js';
import { describeSession, session } from '../session.js';
import { columnsReference } from './import-columns.js';
import { renderJob } from './import-job.js';

// docs/csv-import.md: an import job takes up to 4 MB, about 15,000 rows (functions/http/limits.ts).
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
// A copy of docs/sample-credentials.csv: the app serves only web/ (test/browser/import.test.ts keeps the two equal).
const SAMPLE_PATH = '/app/sample-credentials.csv';

const heading = () => h('h1', {}, 'Import credentials from a spreadsheet');
const lead = () =>
  h(
    'p',
    { class: 'lead' },
    'Registrars import their institution’s offerings from a CSV file: each good row becomes a published micro-credential, ',
    'each row with a problem is skipped and listed with its column, so it can be fixed in the spreadsheet.',
  );

/** For visitors who may not import: who may, and where to sign in. */
function whoMayImport(s) {
  return h(
    'div',
    { class: 'page' },
    heading(),
    lead(),
    h(
      'div',
      { class: 'notice', 'data-testid': 'import-who' },
      h(
        'p',
        {},
        'Two kinds of user can import: a member institution, for its own credentials, and an alliance coordinator, for any member institution of the alliance. Students and operators cannot.',
      ),
      h(
        'p',
        {},
        s
          ? `You are signed in as ${describeSession(s)}, who cannot import. Sign out in the page header and sign in again as your institution or as a coordinator.`
          : 'Sign in at the top right of this page, in the header, as your institution or as a coordinator of the alliance.',
      ),
    ),
  );
}

/** A coordinator of other alliances than the one this app shows. */
function elsewhere(s) {
  return h(
    'div',
    { class: 'page' },
    heading(),
    lead(),
    h(
      'p',
      { class: 'notice' },
      `This page shows the alliance ${allianceId()}, which you do not coordinate. Open it for your alliance: `,
      (s.allianceIds ?? []).map((a, i) => [
        i > 0 ? ', ' : '',
        h('a', { href: `?alliance=${encodeURIComponent(a)}#/import` }, a),
      ]),
    ),
  );
}

const uploadError = (err, file) => {
  if (err instanceof ApiError && err.status === 413) {
    return new ApiError(
      413,
      err.code,
      `${file.name} is larger than the 4 MB an import takes (about 15,000 rows): split it into parts and import each`,
      err.details,
    );
  }
  return err;
};

const megabytes = (bytes) => `${(bytes / 1024 / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

function uploadForm(s, members, byId, signal) {
  const label = (id) => `${byId.get(id)?.name ?? id.toUpperCase()} (${id.toUpperCase()})`;
  const target =
    s.role === 'institution'
      ? h('p', { 'data-testid': 'import-target' }, 'You import for ', h('strong', {}, label(s.institutionId)), '.')
      : field(
          'Institution',
          select(
            members.map((id) => [id, label(id)]),
            members[0],
            { name: 'institution' },
          ),
          'As a coordinator you import for one member institution of the alliance at a time.',
        );
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true });
  const button = h('button', { type: 'submit', class: 'button button--primary' }, 'Start import');
  const status = h('div', { 'data-testid': 'import-upload-status' });
  const form = h(
    'form',
    {
      class: 'card import-form',
      'aria-labelledby': 'import-form-h',
      onsubmit: async (event) => {
        event.preventDefault();
        const chosen = file.files[0];
        const institutionId = s.role === 'institution' ? s.institutionId : form.elements.institution.value;
        if (chosen.size > MAX_UPLOAD_BYTES) {
          status.replaceChildren(
            errorBox(
              new Error(
                `${chosen.name} is ${megabytes(chosen.size)}; an import takes at most 4 MB (about 15,000 rows): split it into parts and import each`,
              ),
            ),
          );
          return;
        }
        button.disabled = true;
        status.replaceChildren(h('p', {}, `Uploading ${chosen.name}…`));
        announce(`Uploading ${chosen.name}`);
        try {
          const job = await api('POST', `/institutions/${encodeURIComponent(institutionId)}/imports`, chosen, {
            contentType: 'text/csv',
          });
          // The job's own address: progress survives a reload, and Back returns to this form.
          if (!signal.aborted) window.location.hash = `#/import?job=${encodeURIComponent(job.id)}`;
        } catch (err) {
          button.disabled = false;
          status.replaceChildren(errorBox(uploadError(err, chosen)));
        }
      },
    },
    h('h2', { id: 'import-form-h' }, 'Upload a file'),
    target,
    field(
      'CSV file',
      file,
      'UTF-8, comma or semicolon separated, the first row holds the column names; up to 4 MB (about 15,000 rows).',
    ),
    h(
      'p',
      {},
      'Start from the ',
      h('a', { href: SAMPLE_PATH, download: 'sample-credentials.csv' }, 'sample file (CSV)'),
      ' — four good rows and one with mistakes — and see the columns below, or the import routes in the ',
      h('a', { href: '/docs#tag/imports' }, 'API reference'),
      '.',
    ),
    button,
    status,
  );
  return form;
}

/** #/import: the upload form; #/import?job={id}: that import's progress and report. */
export async function render({ query, rerender, signal }) {
  const s = session.current();
  if (!s || !['institution', 'coordinator'].includes(s.role)) return whoMayImport(s);
  const jobId = query.get('job');
  if (jobId) return renderJob({ id: jobId, rerender, signal });
  if (s.role === 'coordinator' && !(s.allianceIds ?? []).includes(allianceId())) return elsewhere(s);
  const [members, byId] = await Promise.all([
    s.role === 'coordinator' ? alliance().then((a) => a.members) : [],
    institutions(),
  ]);
  return h('div', { class: 'page' }, heading(), lead(), uploadForm(s, members, byId, signal), columnsReference());
}
