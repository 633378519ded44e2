import { allianceId, api, forget } from '../api.js';
import { h, field, announce, errorBox } from '../dom.js';
import { ruleEditor } from './rule-editor.js';

/*
 * The negotiation board's editing: the structured editor with the preview of an amendment's
 * impact (SPEC §4 POST /programmes/{id}/preview) and a comment, and a version's warnings.
 */

const idOf = (ref) => ref.slice(0, ref.lastIndexOf('@'));
const count = (n) => (/^\d+$/.test(n) ? BigInt(n).toLocaleString('en-GB') : n);

function previewBox(answer, titles) {
  const named = (ref) => h('li', {}, titles.get(idOf(ref)) ?? idOf(ref), ' ', h('code', {}, ref));
  return h(
    'div',
    { class: 'card', 'data-testid': 'preview' },
    h('h3', {}, 'Impact of this amendment'),
    h(
      'p',
      { 'data-testid': 'preview-counts' },
      `Valid compositions: ${count(answer.current.total)}${answer.current.exact ? '' : '+'} now (version ${answer.current.version}) → `,
      h('strong', {}, `${count(answer.proposed.total)}${answer.proposed.exact ? '' : '+'}`),
      ' with this rule.',
    ),
    answer.modules.added.length > 0
      ? h(
          'div',
          {},
          h('p', {}, `Modules added (${answer.modules.added.length}):`),
          h('ul', { class: 'plain-list' }, answer.modules.added.map(named)),
        )
      : null,
    answer.modules.removed.length > 0
      ? h(
          'div',
          {},
          h('p', {}, `Modules removed (${answer.modules.removed.length}):`),
          h('ul', { class: 'plain-list' }, answer.modules.removed.map(named)),
        )
      : null,
    answer.modules.added.length + answer.modules.removed.length === 0 ? h('p', {}, 'The same modules.') : null,
    warningList(answer.warnings, 'This rule has no warnings.'),
  );
}

export function warningList(warnings, none) {
  if (!warnings || warnings.length === 0) return h('p', { class: 'alert alert--ok' }, none);
  return h(
    'ul',
    { class: 'alert alert--warn plain-list', 'data-testid': 'warnings' },
    warnings.map((w) => h('li', {}, h('code', {}, w.rule), ' — ', w.message)),
  );
}

/** The structured editor with preview and a comment: an amendment (or, without `p`, a new proposal). */
export function editPanel({ p, rule, members, offerings, byId, titles, rerender }) {
  const editor = ruleEditor({ rule, members, offerings, byId, fillModules: !p });
  const comment = h('textarea', { rows: 2 });
  const status = h('div');
  const preview = h('div');
  const run = async (action) => {
    status.replaceChildren();
    try {
      await action(editor.read());
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  const previewButton = p
    ? h(
        'button',
        {
          type: 'button',
          class: 'button button--quiet',
          onclick: () =>
            run(async (next) => {
              preview.replaceChildren(
                previewBox(
                  await api('POST', `/programmes/${encodeURIComponent(p.id)}/preview`, { rule: next }),
                  titles,
                ),
              );
              announce('Impact of the amendment shown');
            }),
        },
        'Preview impact',
      )
    : null;
  const submit = async (event) => {
    event.preventDefault();
    await run(async (next) => {
      const text = comment.value.trim();
      if (p) {
        await api('POST', `/programmes/${encodeURIComponent(p.id)}/versions`, {
          baseVersion: p.currentVersion,
          rule: next,
          ...(text ? { comment: text } : {}),
        });
        announce('Amendment proposed; all approvals were cleared');
        rerender();
      } else {
        const created = await api('POST', `/alliances/${encodeURIComponent(allianceId())}/programmes`, { rule: next });
        forget('programmes');
        announce(`Programme ${created.title} proposed`);
        window.location.hash = `#/negotiation/${encodeURIComponent(created.id)}`;
      }
    });
  };
  return h(
    'details',
    { class: 'card', 'data-testid': p ? 'amend' : 'propose' },
    h('summary', {}, p ? 'Propose an amendment' : 'Propose a new programme'),
    h(
      'form',
      { onsubmit: submit },
      editor.element,
      p
        ? field(
            'Comment for the partners',
            comment,
            'Why this amendment: it is kept in the history with the new version.',
          )
        : null,
      h(
        'div',
        { class: 'inline-form' },
        previewButton,
        h('button', { type: 'submit', class: 'button' }, p ? 'Propose new version' : 'Propose programme'),
      ),
      status,
      preview,
    ),
  );
}
