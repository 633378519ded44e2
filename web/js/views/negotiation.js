import { alliance, api, catalogue, forget, institutions, listAll, programmes } from '../api.js';
import { canonicalLines, sideBySide } from '../diff.js';
import { h, field, select, announce, errorBox, shortHash, formatDate } from '../dom.js';
import { STATUS } from '../labels.js';
import { session } from '../session.js';
import { programmePicker } from './programme-picker.js';
import { editPanel, warningList } from './negotiation-edit.js';

const EVENT_WORDS = {
  proposed: 'proposed version',
  amended: 'amended the rule: version',
  approved: 'approved version',
  agreed: 'agreement reached on version',
  commented: 'commented on version',
  withdrawn: 'withdrew the programme at version',
};
const idOf = (ref) => ref.slice(0, ref.lastIndexOf('@'));
const mayNegotiate = (members) => {
  const s = session.current();
  return s?.role === 'coordinator' || (s?.role === 'institution' && members.includes(session.institutionId()));
};

function diffTable(left, right) {
  const rows = sideBySide(canonicalLines(left.rule), canonicalLines(right.rule));
  const changes = rows.filter((r) => r.kind !== 'same').length;
  const cell = (side, kind) => [
    h('td', { class: 'diff__n' }, side?.n ?? ''),
    h(
      'td',
      { class: `diff__code diff__code--${side ? kind : 'empty'}` },
      side && kind !== 'same'
        ? h(
            'span',
            { class: 'visually-hidden' },
            kind === 'added' ? 'added: ' : kind === 'removed' ? 'removed: ' : 'changed: ',
          )
        : null,
      h('code', {}, side?.text ?? ''),
    ),
  ];
  return h(
    'div',
    {},
    h(
      'p',
      { 'data-testid': 'diff-summary' },
      changes === 0
        ? 'The two versions have the same rule.'
        : `${changes} line${changes === 1 ? ' differs' : 's differ'} between version ${left.version} and version ${right.version}.`,
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'diff' },
        h('caption', { class: 'visually-hidden' }, `Rule of version ${left.version} beside version ${right.version}`),
        h('colgroup', {}, h('col', { class: 'diff__ncol' }), h('col'), h('col', { class: 'diff__ncol' }), h('col')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', colspan: 2 }, `Version ${left.version} · ${shortHash(left.contentHash)}`),
            h('th', { scope: 'col', colspan: 2 }, `Version ${right.version} · ${shortHash(right.contentHash)}`),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((r) =>
            h(
              'tr',
              { class: `diff__row diff__row--${r.kind}` },
              cell(r.left, r.kind === 'changed' ? 'removed' : r.kind),
              cell(r.right, r.kind === 'changed' ? 'added' : r.kind),
            ),
          ),
        ),
      ),
    ),
  );
}

function approvalsTable(p, members, byId) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table', 'data-testid': 'approvals' },
      h(
        'caption',
        {},
        `Approvals of the member institutions (current version ${p.currentVersion}, hash ${shortHash(p.currentContentHash)})`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Institution', 'State', 'Approved version', 'Content hash approved', 'When'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        members.map((m) => {
          const a = p.approvals?.[m];
          const current = a && a.version === p.currentVersion && a.contentHash === p.currentContentHash;
          const state = current ? 'Approved' : a ? 'Approved an older version' : 'Not yet approved';
          return h(
            'tr',
            { 'data-institution': m },
            h('th', { scope: 'row' }, byId.get(m)?.name ?? m),
            h(
              'td',
              {},
              h(
                'span',
                { class: `badge ${current ? 'badge--agreed' : 'badge--pending'}` },
                current ? '✓ ' : '… ',
                state,
              ),
            ),
            h('td', { class: 'num' }, a?.version ?? '—'),
            h('td', {}, a ? h('code', { title: a.contentHash }, shortHash(a.contentHash)) : '—'),
            h('td', {}, a ? formatDate(a.at) : '—'),
          );
        }),
      ),
    ),
  );
}

function approvePanel(p, members, rerender) {
  const me = session.institutionId();
  if (!me) return h('p', { class: 'field__hint' }, 'Sign in as a member institution to approve the current version.');
  if (!members.includes(me))
    return h('p', {}, `${me.toUpperCase()} is not a member of this alliance and cannot approve.`);
  if (p.status === 'withdrawn') return h('p', {}, 'This programme was withdrawn.');
  const mine = p.approvals?.[me];
  if (mine && mine.version === p.currentVersion && mine.contentHash === p.currentContentHash) {
    return h('p', { class: 'alert alert--ok' }, `${me.toUpperCase()} has approved version ${p.currentVersion}.`);
  }
  const status = h('div');
  const comment = h('textarea', { rows: 2 });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button',
      onclick: async () => {
        button.disabled = true;
        try {
          const text = comment.value.trim();
          await api('POST', `/programmes/${encodeURIComponent(p.id)}/approvals`, {
            version: p.currentVersion,
            contentHash: p.currentContentHash,
            ...(text ? { comment: text } : {}),
          });
          forget('programmes');
          announce(`${me.toUpperCase()} approved version ${p.currentVersion}`);
          rerender();
        } catch (err) {
          button.disabled = false;
          status.replaceChildren(errorBox(err));
        }
      },
    },
    `Approve version ${p.currentVersion} as ${me.toUpperCase()}`,
  );
  return h(
    'div',
    {},
    h('p', {}, 'You approve exactly this rule: its content hash is ', h('code', {}, p.currentContentHash), '.'),
    field('Comment with your approval (optional)', comment),
    button,
    status,
  );
}

function driftPanel(p, current, members, titles, rerender) {
  const drift = p.drift ?? { added: [], changed: [], retired: [] };
  const total = drift.added.length + drift.changed.length + drift.retired.length;
  if (total === 0)
    return h(
      'p',
      { 'data-testid': 'drift' },
      `The catalogue has not changed for the modules of version ${p.currentVersion}.`,
    );
  const name = (id) => titles.get(id) ?? id;
  const status = h('div');
  const adopt = async () => {
    const retired = new Set(drift.retired);
    const latest = new Map(drift.changed.map((c) => [c.id, c.latest]));
    const modules = [
      ...(current.rule.modules ?? [])
        .filter((ref) => !retired.has(idOf(ref)))
        .map((ref) => latest.get(idOf(ref)) ?? ref),
      ...drift.added,
    ].sort();
    const comment = `Adopts the catalogue's changes: ${drift.added.length} added, ${drift.changed.length} new versions, ${drift.retired.length} retired.`;
    try {
      await api('POST', `/programmes/${encodeURIComponent(p.id)}/versions`, {
        baseVersion: p.currentVersion,
        rule: { ...current.rule, modules },
        comment,
      });
      announce('Amendment adopting the catalogue changes proposed');
      rerender();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  return h(
    'div',
    { 'data-testid': 'drift' },
    h(
      'p',
      {},
      `Since version ${p.currentVersion} was written, the catalogue changed. These changes enter the programme only by an agreed amendment.`,
    ),
    drift.added.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, `New offerings (${drift.added.length})`),
          h(
            'ul',
            { class: 'plain-list' },
            drift.added.map((ref) => h('li', {}, name(idOf(ref)), ' ', h('code', {}, ref))),
          ),
        )
      : null,
    drift.changed.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, `New versions of listed modules (${drift.changed.length})`),
          h(
            'ul',
            { class: 'plain-list' },
            drift.changed.map((c) =>
              h('li', {}, name(c.id), ' ', h('code', {}, c.listed), ' → ', h('code', {}, c.latest)),
            ),
          ),
        )
      : null,
    drift.retired.length > 0
      ? h(
          'div',
          {},
          h('h3', {}, `Retired modules (${drift.retired.length})`),
          h(
            'ul',
            { class: 'plain-list' },
            drift.retired.map((id) => h('li', {}, name(id), ' ', h('code', {}, id))),
          ),
        )
      : null,
    p.status !== 'withdrawn' && mayNegotiate(members)
      ? h('button', { type: 'button', class: 'button', onclick: adopt }, 'Propose a version that adopts these changes')
      : null,
    status,
  );
}

function discussion(p, members, byId, rerender) {
  const who = (e) => (e.institutionId ? (byId.get(e.institutionId)?.name ?? e.institutionId) : e.actor);
  const item = (e) =>
    h(
      'li',
      { 'data-type': e.type },
      h('time', { datetime: e.at }, formatDate(e.at)),
      ' — ',
      h('strong', {}, who(e)),
      ' ',
      `${EVENT_WORDS[e.type] ?? e.type} ${e.version}`,
      ' ',
      h('code', { title: e.contentHash }, shortHash(e.contentHash)),
      e.comment ? h('blockquote', { class: 'comment' }, e.comment) : null,
      e.reason ? h('blockquote', { class: 'comment' }, 'Reason: ', e.reason) : null,
    );
  const list = h('ol', { class: 'history', 'data-testid': 'history' }, (p.history ?? []).map(item));
  // A programme read shows the newest events; the rest come page by page from its history.
  const older =
    (p.historyCount ?? 0) > (p.history?.length ?? 0)
      ? h(
          'p',
          { class: 'muted' },
          `The ${p.history.length} latest of ${p.historyCount} events. `,
          h(
            'button',
            {
              type: 'button',
              class: 'button button--quiet button--small',
              onclick: async (event) => {
                const all = await listAll(`/programmes/${encodeURIComponent(p.id)}/history`);
                list.replaceChildren(...all.reverse().map(item));
                event.target.closest('p')?.remove();
              },
            },
            `Show all ${p.historyCount}`,
          ),
        )
      : null;
  let form = null;
  if (p.status !== 'withdrawn' && mayNegotiate(members)) {
    const text = h('textarea', { rows: 3 });
    const version = select(
      p.versions.map((v) => [String(v.version), `Version ${v.version}`]),
      String(p.currentVersion),
    );
    const status = h('div');
    form = h(
      'form',
      {
        class: 'card',
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            await api('POST', `/programmes/${encodeURIComponent(p.id)}/comments`, {
              version: Number(version.value),
              text: text.value,
            });
            announce('Comment posted');
            rerender();
          } catch (err) {
            status.replaceChildren(errorBox(err));
          }
        },
      },
      h('div', { class: 'inline-form' }, field('On', version)),
      field('Your comment', text),
      h('button', { type: 'submit', class: 'button' }, 'Post comment'),
      status,
    );
  }
  return [older, list, form];
}

function withdrawPanel(p, rerender) {
  if (session.current()?.role !== 'coordinator' || p.status === 'withdrawn') return null;
  const reason = h('textarea', { rows: 2, required: true });
  const status = h('div');
  return h(
    'details',
    { class: 'card' },
    h('summary', {}, 'Withdraw this programme'),
    h(
      'form',
      {
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            await api('POST', `/programmes/${encodeURIComponent(p.id)}/withdraw`, { reason: reason.value });
            forget('programmes');
            announce('Programme withdrawn');
            rerender();
          } catch (err) {
            status.replaceChildren(errorBox(err));
          }
        },
      },
      field('Reason (kept in the history)', reason),
      h('button', { type: 'submit', class: 'button' }, 'Withdraw programme'),
      status,
    ),
  );
}

/** What a new proposal starts from: a micro-degree of the LUH model (SPEC §2). */
const NEW_RULE = {
  title: '',
  award: 'micro-degree',
  eqfLevel: 7,
  ects: { min: 15, max: 15 },
  components: { eqfMin: 7 },
};

/** The negotiation board of one programme: approvals, versions side by side, history. */
export async function render({ args, query, rerender }) {
  let list = await programmes();
  if (args[0] && !list.some((p) => p.id === args[0])) {
    forget('programmes'); // proposed since this page loaded
    list = await programmes();
  }
  const id = args[0] ?? list.find((p) => p.status === 'negotiating')?.id ?? list[0]?.id;
  const picker = programmePicker(list, id, 'negotiation');
  const [{ members }, byId, credentials] = await Promise.all([alliance(), institutions(), catalogue()]);
  const offerings = credentials.filter((c) => members.includes(c.institutionId));
  const titles = new Map(credentials.map((c) => [c.id, c.title]));
  const proposeNew = () =>
    mayNegotiate(members) ? editPanel({ rule: NEW_RULE, members, offerings, byId, titles, rerender }) : null;
  if (!id)
    return h(
      'div',
      { class: 'page' },
      h('h1', {}, 'Negotiation board'),
      h('p', {}, 'This alliance has no programme yet.'),
      proposeNew(),
    );
  const p = await api('GET', `/programmes/${encodeURIComponent(id)}`);
  const versions = [...p.versions].sort((a, b) => a.version - b.version);
  const rightV = Number(query.get('right') ?? p.currentVersion);
  const leftV = Number(query.get('left') ?? Math.max(1, rightV - 1));
  const left = versions.find((v) => v.version === leftV) ?? versions[0];
  const right = versions.find((v) => v.version === rightV) ?? versions[versions.length - 1];
  const options = versions.map((v) => [String(v.version), `Version ${v.version} (${shortHash(v.contentHash)})`]);
  const compare = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (event) => {
        event.preventDefault();
        window.location.hash = `#/negotiation/${encodeURIComponent(id)}?left=${compare.elements.left.value}&right=${compare.elements.right.value}`;
      },
    },
    field('Left', select(options, String(left.version), { name: 'left' })),
    field('Right', select(options, String(right.version), { name: 'right' })),
    h('button', { type: 'submit', class: 'button button--quiet' }, 'Compare'),
  );
  const current = versions.find((v) => v.version === p.currentVersion) ?? versions[versions.length - 1];
  const negotiator = mayNegotiate(members);
  const approvedCount = members.filter(
    (m) => p.approvals?.[m]?.contentHash === p.currentContentHash && p.approvals?.[m]?.version === p.currentVersion,
  ).length;

  return h(
    'div',
    { class: 'page' },
    picker,
    h('h1', {}, p.title),
    h(
      'p',
      { class: 'meta', 'data-testid': 'programme-meta' },
      h('span', { class: `badge badge--${p.status}`, 'data-testid': 'programme-status' }, STATUS[p.status] ?? p.status),
      ` ${p.id} · current version ${p.currentVersion}${p.agreedVersion ? ` · agreed version ${p.agreedVersion}` : ''} · ${approvedCount} of ${members.length} partners approve the current version`,
    ),
    p.agreedVersion && p.agreedVersion !== p.currentVersion && p.status === 'negotiating'
      ? h(
          'p',
          { class: 'notice', 'data-testid': 'standing' },
          `Version ${p.agreedVersion} stays agreed and answers students until version ${p.currentVersion} is agreed by every partner.`,
        )
      : null,
    h(
      'section',
      { 'aria-labelledby': 'warnings-h' },
      h('h2', { id: 'warnings-h' }, `Warnings on version ${p.currentVersion}`),
      warningList(current?.warnings, 'Nothing makes this version unworkable.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'drift-h' },
      h('h2', { id: 'drift-h' }, 'Catalogue changes'),
      driftPanel(p, current, members, titles, rerender),
    ),
    h(
      'section',
      { 'aria-labelledby': 'approvals-h' },
      h('h2', { id: 'approvals-h' }, 'Approvals'),
      approvalsTable(p, members, byId),
      approvePanel(p, members, rerender),
    ),
    negotiator && p.status !== 'withdrawn'
      ? editPanel({ p, rule: current.rule, members, offerings, byId, titles, rerender })
      : null,
    h(
      'section',
      { 'aria-labelledby': 'versions-h' },
      h('h2', { id: 'versions-h' }, 'Versions side by side'),
      versions.length < 2 ? h('p', {}, 'Only one version so far; its rule is shown on both sides.') : null,
      compare,
      diffTable(left, right),
    ),
    h(
      'section',
      { 'aria-labelledby': 'history-h' },
      h('h2', { id: 'history-h' }, 'Discussion and history'),
      discussion(p, members, byId, rerender),
    ),
    withdrawPanel(p, rerender),
    proposeNew(),
  );
}
