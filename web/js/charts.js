// Charts as SVG: horizontal bars for categories, columns for a series
// over time. Each chart has a title for screen readers and its numbers in
// a table that follows it (visually hidden), so nothing is only a picture.
import { h } from './dom.js';
import { number } from './i18n.js';

// The numbers as a table for screen readers. The table sits in a hidden
// box: a table's own width and height grow with its rows, so hiding the
// table itself left thousands of pixels of blank page under the charts.
function dataTable(caption, rows) {
  return h('div', { class: 'visually-hidden' }, h('table', {}, h('caption', {}, caption),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', {}, r.label), h('td', {}, number(r.count)))))));
}

// The charts are drawn in the page's own pixels (no viewBox), with the
// bars' lengths in percent of the chart's width: a chart scaled down to a
// phone's width shrank its labels to 7 px. Text is 12 px at least, one row
// of text above each bar, so a long label needs no room beside it.
const ROW_TEXT = 16;

// rows: [{label, count}]
export function bars(caption, rows) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const rowH = 38;
  const svg = h('svg:svg', { width: '100%', height: rows.length * rowH + 2, role: 'img',
    'aria-label': caption, class: 'chart bars' });
  rows.forEach((r, i) => {
    const y = i * rowH;
    const w = r.count > 0 ? Math.max(0.5, (r.count / max) * 100) : 0;
    svg.append(
      h('svg:text', { x: 0, y: y + ROW_TEXT - 3, class: 'label' }, r.label),
      h('svg:text', { x: '100%', y: y + ROW_TEXT - 3, 'text-anchor': 'end', class: 'value' }, number(r.count)),
      h('svg:rect', { x: 0, y: y + ROW_TEXT + 2, width: `${w}%`, height: rowH - ROW_TEXT - 10, rx: 3,
        class: `bar ${r.kind || ''}` }));
  });
  return h('figure', { class: 'chart-box' }, h('figcaption', {}, caption), svg, dataTable(caption, rows));
}

// rows: [{label: '2024-05', count}] in order. A label under every n-th
// column: up to 12 on a wide screen; on a narrow one (CSS) only those
// marked `wide-only` hide, leaving up to 4.
export function columns(caption, rows) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const top = 22, height = 180, bottom = 22;
  const step = rows.length ? 100 / rows.length : 0;
  const svg = h('svg:svg', { width: '100%', height: top + height + bottom, role: 'img',
    'aria-label': caption, class: 'chart columns' });
  svg.append(h('svg:line', { x1: 0, y1: top + height, x2: '100%', y2: top + height, class: 'axis' }));
  svg.append(h('svg:text', { x: 0, y: 13, class: 'value' }, `${number(max)} ↑`));
  const every = Math.max(1, Math.ceil(rows.length / 12));
  const narrow = Math.max(1, Math.ceil(rows.length / 4));
  rows.forEach((r, i) => {
    const x = i * step;
    const hgt = (r.count / max) * height;
    svg.append(h('svg:rect', { x: `${x + step * 0.12}%`, y: top + height - hgt, width: `${Math.max(0.1, step * 0.76)}%`,
      height: hgt, class: 'bar' }, h('svg:title', {}, `${r.label}: ${number(r.count)}`)));
    if (i % every === 0) {
      const first = i === 0;
      svg.append(h('svg:text', { x: `${first ? 0 : x + step / 2}%`, y: top + height + 16,
        'text-anchor': first ? 'start' : 'middle',
        class: i % narrow === 0 ? 'label' : 'label wide-only' }, r.label));
    }
  });
  return h('figure', { class: 'chart-box wide' }, h('figcaption', {}, caption), svg, dataTable(caption, rows));
}

// Progress toward a total, one stacked bar a row: done, then pending, then
// what is left. rows: [{label, done, pending, left}]; left null when the
// total is not a number (the bar shows what is done and pending only).
// legend: [doneLabel, pendingLabel, leftLabel].
export function progress(caption, rows, legend) {
  // Each bar is its own row's whole: what is owed differs by thousands
  // between clauses (persons and bodies), and each is read on its own.
  const rowH = 42;
  const svg = h('svg:svg', { width: '100%', height: rows.length * rowH + 2, role: 'img',
    'aria-label': caption, class: 'chart progress' });
  rows.forEach((r, i) => {
    const y = i * rowH;
    const whole = Math.max(1, r.done + r.pending + (r.left || 0));
    let x = 0;
    const total = r.left === null ? `${number(r.done)}` : `${number(r.done)} / ${number(r.done + r.pending + r.left)}`;
    svg.append(h('svg:text', { x: 0, y: y + ROW_TEXT - 3, class: 'label' }, r.label),
      h('svg:text', { x: '100%', y: y + ROW_TEXT - 3, 'text-anchor': 'end', class: 'value' }, total));
    const barY = y + ROW_TEXT + 2, barH = rowH - ROW_TEXT - 10;
    svg.append(h('svg:rect', { x: 0, y: barY, width: '100%', height: barH, class: 'seg track' }));
    [['done', r.done], ['pending', r.pending], ['left', r.left || 0]].forEach(([kind, n]) => {
      const w = (n / whole) * 100;
      if (w > 0) {
        svg.append(h('svg:rect', { x: `${x}%`, y: barY, width: `${w}%`, height: barH, class: `seg ${kind}` },
          h('svg:title', {}, `${r.label}: ${number(n)}`)));
      }
      x += w;
    });
  });
  const key = h('p', { class: 'legend small' }, legend.map((l, i) =>
    (l ? h('span', {}, h('span', { class: `swatch ${['done', 'pending', 'left'][i]}` }), l) : null)));
  const data = h('div', { class: 'visually-hidden' }, h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', {}, ''), legend.map((l) => h('th', {}, l)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', {}, r.label), h('td', {}, number(r.done)),
      h('td', {}, number(r.pending)), h('td', {}, r.left === null ? '—' : number(r.left)))))));
  return h('figure', { class: 'chart-box' }, h('figcaption', {}, caption), svg, key, data);
}
