import { api, catalogue, institutions, programmes } from '../api.js';
import { h, svg, announce, errorBox } from '../dom.js';
import { PARTNER_COLOURS } from '../labels.js';
import { programmePicker } from './programme-picker.js';

const PAGE = 10;

/** `run` over `items`, a few at a time (each is an engine run on the server). */
async function pooled(items, limit, run) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await run(items[i]);
      }
    }),
  );
  return out;
}

/** The modules the answered rule version lists (its agreed version, else its current one). */
async function modulesOf(id) {
  const p = await api('GET', `/programmes/${encodeURIComponent(id)}`);
  const standing = p.agreedVersion ?? p.currentVersion;
  const version =
    p.versions?.find((v) => v.version === standing) ??
    (await api('GET', `/programmes/${encodeURIComponent(id)}/versions/${standing}`));
  return (version.rule.modules ?? []).map((ref) => ref.split('@')[0]);
}

/** Horizontal bars with a label, a value text and a tooltip; `share` in 0–1 of the longest bar. */
function barChart({ rows, label, colourOf }) {
  const width = 640;
  const labelW = 250;
  const valueW = 150;
  const barH = 20;
  const gap = 7;
  const height = rows.length * (barH + gap);
  const room = width - labelW - valueW;
  const bars = rows.map((r, i) => {
    const y = i * (barH + gap);
    return svg(
      'g',
      {},
      svg(
        'text',
        { x: labelW - 8, y: y + barH / 2 + 4, 'text-anchor': 'end', class: 'chart__label chart__label--dark' },
        r.label.length > 36 ? `${r.label.slice(0, 35)}…` : r.label,
      ),
      svg(
        'rect',
        { x: labelW, y, width: Math.max(r.share * room, 1), height: barH, fill: colourOf(r.institutionId) },
        svg('title', {}, `${r.label}: ${r.value}`),
      ),
      svg(
        'text',
        { x: labelW + r.share * room + 6, y: y + barH / 2 + 4, class: 'chart__label chart__label--dark' },
        r.value,
      ),
    );
  });
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': label }, bars);
}

/**
 * What the compositions are made of, exactly: for each listed module the number of valid
 * compositions containing it (pathways with `include`), hence the modules found in the most
 * compositions, and each partner's average ECTS in a composition (Σ ects × count / total).
 */
async function compositionCharts(id, total, credentials, byId, colourOf) {
  if (total === 0n) return h('p', {}, 'No valid composition: nothing to chart.');
  const ids = await modulesOf(id);
  const info = new Map(credentials.map((c) => [c.id, c]));
  const counts = await pooled(ids, 4, async (m) =>
    BigInt((await api('POST', `/programmes/${encodeURIComponent(id)}/pathways`, { include: [m], limit: 1 })).total),
  );
  const share = (count) => Number((count * 100000n) / total) / 100000;
  const modules = ids.map((m, i) => ({ id: m, count: counts[i], c: info.get(m) })).filter((m) => m.c && m.count > 0n);
  const top = [...modules]
    .sort((a, b) => (b.count > a.count ? 1 : b.count < a.count ? -1 : a.c.title.localeCompare(b.c.title)))
    .slice(0, 10);
  const perPartner = new Map();
  for (const m of modules)
    perPartner.set(m.c.institutionId, (perPartner.get(m.c.institutionId) ?? 0) + share(m.count) * m.c.ects);
  const partners = [...perPartner.entries()].sort((a, b) => b[1] - a[1]);
  const maxEcts = Math.max(...partners.map(([, ects]) => ects), 1);
  const percent = (count) => `${(share(count) * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })} %`;
  return h(
    'div',
    { class: 'chart-pair' },
    h(
      'figure',
      { class: 'chart', 'data-testid': 'top-modules' },
      h(
        'figcaption',
        {},
        h('strong', {}, 'The credentials in the most compositions'),
        h('span', { class: 'muted' }, ' — share of all valid compositions that contain each one'),
      ),
      barChart({
        rows: top.map((m) => ({
          label: m.c.title,
          institutionId: m.c.institutionId,
          share: share(m.count),
          value: `${percent(m.count)} (${m.count.toLocaleString('en-GB')})`,
        })),
        label: `Credentials in the most compositions: ${top.map((m) => `${m.c.title} ${percent(m.count)}`).join('; ')}`,
        colourOf,
      }),
    ),
    h(
      'figure',
      { class: 'chart', 'data-testid': 'partner-ects' },
      h(
        'figcaption',
        {},
        h('strong', {}, 'Average ECTS per composition, by partner'),
        h('span', { class: 'muted' }, ' — over every valid composition'),
      ),
      barChart({
        rows: partners.map(([inst, ects]) => ({
          label: byId.get(inst)?.name ?? inst,
          institutionId: inst,
          share: ects / maxEcts,
          value: `${ects.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ECTS`,
        })),
        label: `Average ECTS per composition by partner: ${partners.map(([inst, ects]) => `${byId.get(inst)?.name ?? inst} ${ects.toFixed(1)}`).join('; ')}`,
        colourOf,
      }),
    ),
  );
}

/** The number of compositions, a browsable list, and a chart of the ECTS per partner. */
export async function render({ args }) {
  const [list, byId, credentials] = await Promise.all([programmes(), institutions(), catalogue()]);
  const issuerOf = new Map(credentials.map((c) => [c.id, c.institutionId]));
  const titleOf = new Map(credentials.map((c) => [c.id, c.title]));
  const id = args[0] ?? list.find((p) => p.status === 'agreed')?.id ?? list[0]?.id;
  const partners = [...byId.keys()];
  const colourOf = (inst) => PARTNER_COLOURS[partners.indexOf(inst) % PARTNER_COLOURS.length];
  const cursors = [undefined];
  let pageIndex = 0;
  const totalBox = h('p', { class: 'total', 'data-testid': 'pathways-total' });
  const chartBox = h('div');
  const listBox = h('div');
  const status = h('div');
  const prev = h('button', { type: 'button', class: 'button button--quiet' }, '← Previous');
  const next = h('button', { type: 'button', class: 'button button--quiet' }, 'Next →');
  const pageLabel = h('span', { class: 'muted', 'aria-live': 'polite' });

  const load = async () => {
    try {
      const cursor = cursors[pageIndex];
      const answer = await api('POST', `/programmes/${encodeURIComponent(id)}/pathways`, {
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      const total = BigInt(answer.total);
      totalBox.replaceChildren(
        h('strong', { class: 'total__number' }, total.toLocaleString('en-GB')),
        answer.exact
          ? ` valid composition${total === 1n ? '' : 's'} in the published catalogue (exact).`
          : ' valid compositions at least (a lower bound: the exact number could not be computed in time).',
      );
      cursors[pageIndex + 1] = answer.cursor;
      prev.disabled = pageIndex === 0;
      next.disabled = !answer.cursor;
      pageLabel.textContent = `Page ${pageIndex + 1}, pathways ${pageIndex * PAGE + 1}–${pageIndex * PAGE + answer.pathways.length}`;
      if (pageIndex === 0 && chartBox.childElementCount === 0)
        chartBox.replaceChildren(await compositionCharts(id, total, credentials, byId, colourOf));
      listBox.replaceChildren(
        h(
          'ol',
          { class: 'pathways', start: pageIndex * PAGE + 1, 'data-testid': 'pathways-list' },
          answer.pathways.map((p) =>
            h(
              'li',
              {},
              h(
                'p',
                {},
                h('strong', {}, `${p.totalEcts} ECTS`),
                ` from ${Object.keys(p.institutions).length} institutions: `,
                Object.entries(p.institutions)
                  .map(([inst, ects]) => `${byId.get(inst)?.name ?? inst} ${ects}`)
                  .join(' · '),
              ),
              h(
                'ul',
                { class: 'chips' },
                p.credentials.map((c) =>
                  h(
                    'li',
                    {},
                    h(
                      'a',
                      {
                        href: `#/credentials/${encodeURIComponent(c.split('@')[0])}`,
                        class: 'chip',
                        title: c,
                        style: { borderLeftColor: colourOf(issuerOf.get(c.split('@')[0])) },
                      },
                      titleOf.get(c.split('@')[0]) ?? c,
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      );
      announce(pageLabel.textContent);
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  prev.addEventListener('click', () => {
    pageIndex -= 1;
    load();
  });
  next.addEventListener('click', () => {
    pageIndex += 1;
    load();
  });
  await load();

  return h(
    'div',
    { class: 'page' },
    programmePicker(list, id, 'pathways'),
    h('h1', {}, `Pathways: ${list.find((p) => p.id === id)?.title ?? id}`),
    totalBox,
    status,
    h(
      'section',
      { 'aria-labelledby': 'spread-h' },
      h('h2', { id: 'spread-h' }, 'What the compositions are made of'),
      chartBox,
    ),
    h(
      'section',
      { 'aria-labelledby': 'list-h' },
      h('h2', { id: 'list-h' }, 'Compositions'),
      listBox,
      h('div', { class: 'pager' }, prev, pageLabel, next),
    ),
  );
}
