import { alliance, api, forget, institutions, programmes } from '../api.js';
import { canonicalLines, sideBySide } from '../diff.js';
import { h, field, select, announce, errorBox, shortHash, formatDate } from '../dom.js';
import { STATUS } from '../labels.js';
import { session } from '../session.js';
import { programmePicker } from './programme-picker.js';

const EVENT_WORDS = { proposed: 'proposed version', amended: 'amended the rule: version', approved: 'approved version', agreed: 'agreement reached on version', withdrawn: 'withdrew the programme at version' };

function diffTable(left, right) {
  const rows = sideBySide(canonicalLines(left.rule), canonicalLines(right.rule));
  const changes = rows.filter((r) => r.kind !== 'same').length;
  const cell = (side, kind) => [
    h('td', { class: 'diff__n' }, side?.n ?? ''),
    h('td', { class: `diff__code diff__code--${side ? kind : 'empty'}` },
      side && kind !== 'same' ? h('span', { class: 'visually-hidden' }, kind === 'added' ? 'added: ' : kind === 'removed' ? 'removed: ' : 'changed: ') : null,
      h('code', {}, side?.text ?? '')),
  ];
  return h('div', {},
    h('p', { 'data-testid': 'diff-summary' }, changes === 0 ? 'The two versions have the same rule.' : `${changes} line${changes === 1 ? ' differs' : 's differ'} between version ${left.version} and version ${right.version}.`),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'diff' },
        h('caption', { class: 'visually-hidden' }, `Rule of version ${left.version} beside version ${right.version}`),
        h('colgroup', {}, h('col', { class: 'diff__ncol' }), h('col'), h('col', { class: 'diff__ncol' }), h('col')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col', colspan: 2 }, `Version ${left.version} · ${shortHash(left.contentHash)}`),
          h('th', { scope: 'col', colspan: 2 }, `Version ${right.version} · ${shortHash(right.contentHash)}`))),
        h('tbody', {}, rows.map((r) => h('tr', { class: `diff__row diff__row--${r.kind}` },
          cell(r.left, r.kind === 'changed' ? 'removed' : r.kind),
          cell(r.right, r.kind === 'changed' ? 'added' : r.kind)))))));
}

function approvalsTable(p, members, byId) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table', 'data-testid': 'approvals' },
      h('caption', {}, `Approvals of the member institutions (current version ${p.currentVersion}, hash ${shortHash(p.currentContentHash)})`),
      h('thead', {}, h('tr', {}, ['Institution', 'State', 'Approved version', 'Content hash approved', 'When'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, members.map((m) => {
        const a = p.approvals?.[m];
        const current = a && a.version === p.currentVersion && a.contentHash === p.currentContentHash;
        const state = current ? 'Approved' : a ? 'Approved an older version' : 'Not yet approved';
        return h('tr', { 'data-institution': m },
          h('th', { scope: 'row' }, byId.get(m)?.name ?? m),
          h('td', {}, h('span', { class: `badge ${current ? 'badge--agreed' : 'badge--pending'}` }, current ? '✓ ' : '… ', state)),
          h('td', { class: 'num' }, a?.version ?? '—'),
          h('td', {}, a ? h('code', { title: a.contentHash }, shortHash(a.contentHash)) : '—'),
          h('td', {}, a ? formatDate(a.at) : '—'));
      }))));
}

function approvePanel(p, members, rerender) {
  const me = session.institutionId();
  if (!me) return h('p', { class: 'field__hint' }, 'Sign in as a member institution to approve the current version.');
  if (!members.includes(me)) return h('p', {}, `${me.toUpperCase()} is not a member of this alliance and cannot approve.`);
  if (p.status === 'withdrawn') return h('p', {}, 'This programme was withdrawn.');
  const mine = p.approvals?.[me];
  if (mine && mine.version === p.currentVersion && mine.contentHash === p.currentContentHash) {
    return h('p', { class: 'alert alert--ok' }, `${me.toUpperCase()} has approved version ${p.currentVersion}.`);
  }
  const status = h('div');
  const button = h('button', { type: 'button', class: 'button', onclick: async () => {
    button.disabled = true;
    try {
      await api('POST', `/programmes/${encodeURIComponent(p.id)}/approvals`, { version: p.currentVersion, contentHash: p.currentContentHash });
      forget('programmes');
      announce(`${me.toUpperCase()} approved version ${p.currentVersion}`);
      rerender();
    } catch (err) {
      button.disabled = false;
      status.replaceChildren(errorBox(err));
    }
  } }, `Approve version ${p.currentVersion} as ${me.toUpperCase()}`);
  return h('div', {},
    h('p', {}, 'You approve exactly this rule: its content hash is ', h('code', {}, p.currentContentHash), '.'),
    button, status);
}

function amendPanel(p, rerender) {
  const s = session.current();
  if (!s || !['institution', 'coordinator'].includes(s.role) || p.status !== 'negotiating') return null;
  const current = p.versions.find((v) => v.version === p.currentVersion);
  const text = h('textarea', { rows: 14, class: 'code-input', spellcheck: 'false' }, JSON.stringify(current?.rule ?? {}, null, 2));
  const status = h('div');
  return h('details', { class: 'card' },
    h('summary', {}, 'Propose an amendment'),
    h('form', { onsubmit: async (event) => {
      event.preventDefault();
      let rule;
      try {
        rule = JSON.parse(text.value);
      } catch (err) {
        status.replaceChildren(errorBox(new Error(`the rule is not valid JSON: ${err.message}`)));
        return;
      }
      try {
        await api('POST', `/programmes/${encodeURIComponent(p.id)}/versions`, { baseVersion: p.currentVersion, rule });
        announce('Amendment proposed; all approvals were cleared');
        rerender();
      } catch (err) {
        status.replaceChildren(errorBox(err));
      }
    } },
    field('Rule (JSON)', text, 'An amendment creates a new version and clears every approval.'),
    h('button', { type: 'submit', class: 'button' }, 'Propose new version'),
    status));
}

/** The negotiation board of one programme: approvals, versions side by side, history. */
export async function render({ args, query, rerender }) {
  let list = await programmes();
  if (args[0] && !list.some((p) => p.id === args[0])) {
    forget('programmes'); // proposed since this page loaded
    list = await programmes();
  }
  const id = args[0] ?? list.find((p) => p.status === 'negotiating')?.id ?? list[0]?.id;
  const picker = programmePicker(list, id, 'negotiation');
  if (!id) return h('div', { class: 'page' }, h('h1', {}, 'Negotiation board'), h('p', {}, 'This alliance has no programme yet.'));
  const [p, { members }, byId] = await Promise.all([api('GET', `/programmes/${encodeURIComponent(id)}`), alliance(), institutions()]);
  const versions = [...p.versions].sort((a, b) => a.version - b.version);
  const rightV = Number(query.get('right') ?? p.currentVersion);
  const leftV = Number(query.get('left') ?? Math.max(1, rightV - 1));
  const left = versions.find((v) => v.version === leftV) ?? versions[0];
  const right = versions.find((v) => v.version === rightV) ?? versions[versions.length - 1];
  const options = versions.map((v) => [String(v.version), `Version ${v.version} (${shortHash(v.contentHash)})`]);
  const compare = h('form', { class: 'inline-form', onsubmit: (event) => {
    event.preventDefault();
    window.location.hash = `#/negotiation/${encodeURIComponent(id)}?left=${compare.elements.left.value}&right=${compare.elements.right.value}`;
  } },
  field('Left', select(options, String(left.version), { name: 'left' })),
  field('Right', select(options, String(right.version), { name: 'right' })),
  h('button', { type: 'submit', class: 'button button--quiet' }, 'Compare'));
  const approvedCount = members.filter((m) => p.approvals?.[m]?.contentHash === p.currentContentHash && p.approvals?.[m]?.version === p.currentVersion).length;

  return h('div', { class: 'page' },
    picker,
    h('h1', {}, p.title),
    h('p', { class: 'meta', 'data-testid': 'programme-meta' },
      h('span', { class: `badge badge--${p.status}`, 'data-testid': 'programme-status' }, STATUS[p.status] ?? p.status),
      ` ${p.id} · current version ${p.currentVersion}${p.agreedVersion ? ` · agreed version ${p.agreedVersion}` : ''} · ${approvedCount} of ${members.length} partners approve the current version`),
    h('section', { 'aria-labelledby': 'approvals-h' },
      h('h2', { id: 'approvals-h' }, 'Approvals'),
      approvalsTable(p, members, byId),
      approvePanel(p, members, rerender)),
    amendPanel(p, rerender),
    h('section', { 'aria-labelledby': 'versions-h' },
      h('h2', { id: 'versions-h' }, 'Versions side by side'),
      versions.length < 2 ? h('p', {}, 'Only one version so far; its rule is shown on both sides.') : null,
      compare,
      diffTable(left, right)),
    h('section', { 'aria-labelledby': 'history-h' },
      h('h2', { id: 'history-h' }, 'History'),
      h('ol', { class: 'history' }, (p.history ?? []).map((e) => h('li', {},
        h('time', { datetime: e.at }, formatDate(e.at)), ' — ',
        h('strong', {}, e.institutionId ? (byId.get(e.institutionId)?.name ?? e.institutionId) : e.actor), ' ',
        `${EVENT_WORDS[e.type] ?? e.type} ${e.version}`, ' ',
        h('code', { title: e.contentHash }, shortHash(e.contentHash)))))));
}
