import { api, catalogue, institutions, programmes } from '../api.js';
import { h, svg, announce, errorBox } from '../dom.js';
import { PARTNER_COLOURS } from '../labels.js';
import { programmePicker } from './programme-picker.js';

const PAGE = 10;

/** One horizontal bar per pathway, split by partner: how the ECTS spread over the alliance. */
function spreadChart(pathways, partners, colourOf) {
  const maxEcts = Math.max(1, ...pathways.map((p) => p.totalEcts));
  const width = 560;
  const labelW = 44;
  const barH = 22;
  const gap = 8;
  const height = pathways.length * (barH + gap) + 24;
  const scale = (width - labelW - 10) / maxEcts;
  const bars = pathways.map((p, row) => {
    let x = labelW;
    const y = row * (barH + gap);
    const parts = partners.filter((id) => p.institutions[id]).map((id) => {
      const w = p.institutions[id] * scale;
      const rect = svg('g', {},
        svg('rect', { x, y, width: Math.max(w - 1, 0), height: barH, fill: colourOf(id) }, svg('title', {}, `${id.toUpperCase()}: ${p.institutions[id]} ECTS`)),
        w > 30 ? svg('text', { x: x + w / 2, y: y + barH / 2 + 4, 'text-anchor': 'middle', class: 'chart__value' }, p.institutions[id]) : null);
      x += w;
      return rect;
    });
    return svg('g', {}, svg('text', { x: labelW - 8, y: y + barH / 2 + 4, 'text-anchor': 'end', class: 'chart__label' }, `#${row + 1}`), parts);
  });
  const axisY = pathways.length * (barH + gap) + 4;
  const ticks = [0, maxEcts / 2, maxEcts].map((t) => svg('text', { x: labelW + t * scale, y: axisY + 14, 'text-anchor': t === 0 ? 'start' : t === maxEcts ? 'end' : 'middle', class: 'chart__label' }, `${Math.round(t)} ECTS`));
  const summary = partners.map((id) => `${id.toUpperCase()} ${pathways.map((p) => p.institutions[id] ?? 0).join('/')}`).join('; ');
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': `ECTS per partner for pathways on this page: ${summary}` }, bars, ticks),
    h('figcaption', {}, h('ul', { class: 'legend' }, partners.map((id) => h('li', {}, h('span', { class: 'legend__swatch', style: { backgroundColor: colourOf(id) } }), id.toUpperCase())))));
}

/** The number of compositions, a browsable list, and a chart of the ECTS per partner. */
export async function render({ args }) {
  const [list, byId, credentials] = await Promise.all([programmes(), institutions(), catalogue()]);
  const issuerOf = new Map(credentials.map((c) => [c.id, c.institutionId]));
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
      const answer = await api('POST', `/programmes/${encodeURIComponent(id)}/pathways`, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      const total = BigInt(answer.total);
      totalBox.replaceChildren(
        h('strong', { class: 'total__number' }, total.toLocaleString('en-GB')),
        answer.exact ? ` valid composition${total === 1n ? '' : 's'} in the published catalogue (exact).` : ' valid compositions at least (a lower bound: the exact number could not be computed in time).');
      cursors[pageIndex + 1] = answer.cursor;
      prev.disabled = pageIndex === 0;
      next.disabled = !answer.cursor;
      pageLabel.textContent = `Page ${pageIndex + 1}, pathways ${pageIndex * PAGE + 1}–${pageIndex * PAGE + answer.pathways.length}`;
      chartBox.replaceChildren(answer.pathways.length > 0 ? spreadChart(answer.pathways, partners.filter((p) => answer.pathways.some((w) => w.institutions[p])), colourOf) : h('p', {}, 'No pathway.'));
      listBox.replaceChildren(h('ol', { class: 'pathways', start: pageIndex * PAGE + 1, 'data-testid': 'pathways-list' }, answer.pathways.map((p) => h('li', {},
        h('p', {}, h('strong', {}, `${p.totalEcts} ECTS`), ` from ${Object.keys(p.institutions).length} institutions`),
        h('ul', { class: 'chips' }, p.credentials.map((c) => h('li', {}, h('a', { href: `#/credentials/${encodeURIComponent(c.split('@')[0])}`, class: 'chip', style: { borderLeftColor: colourOf(issuerOf.get(c.split('@')[0])) } }, c))))))));
      announce(pageLabel.textContent);
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  prev.addEventListener('click', () => { pageIndex -= 1; load(); });
  next.addEventListener('click', () => { pageIndex += 1; load(); });
  await load();

  return h('div', { class: 'page' },
    programmePicker(list, id, 'pathways'),
    h('h1', {}, `Pathways: ${list.find((p) => p.id === id)?.title ?? id}`),
    totalBox,
    status,
    h('section', { 'aria-labelledby': 'spread-h' }, h('h2', { id: 'spread-h' }, 'How the ECTS spread over the partners'), chartBox),
    h('section', { 'aria-labelledby': 'list-h' }, h('h2', { id: 'list-h' }, 'Compositions'), listBox,
      h('div', { class: 'pager' }, prev, pageLabel, next)));
}
