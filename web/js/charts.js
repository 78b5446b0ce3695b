// Charts as SVG: horizontal bars for categories, columns for a series
// over time. Each chart has a title for screen readers and its numbers in
// a table that follows it (visually hidden), so nothing is only a picture.
import { h } from './dom.js';
import { number } from './i18n.js';

function dataTable(caption, rows) {
  return h('table', { class: 'visually-hidden' }, h('caption', {}, caption),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', {}, r.label), h('td', {}, number(r.count))))));
}

// rows: [{label, count}]
export function bars(caption, rows) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const rowH = 26, labelW = 190, width = 560, barW = width - labelW - 70;
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${rows.length * rowH + 4}`, role: 'img',
    'aria-label': caption, class: 'chart bars' });
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    const w = Math.max(r.count > 0 ? 2 : 0, (r.count / max) * barW);
    svg.append(
      h('svg:text', { x: labelW - 8, y: y + 17, 'text-anchor': 'end', class: 'label' }, r.label),
      h('svg:rect', { x: labelW, y: y + 4, width: w, height: rowH - 8, rx: 3, class: `bar ${r.kind || ''}` }),
      h('svg:text', { x: labelW + w + 6, y: y + 17, class: 'value' }, number(r.count)));
  });
  return h('figure', { class: 'chart-box' }, h('figcaption', {}, caption), svg, dataTable(caption, rows));
}

// rows: [{label: '2024-05', count}] in order
export function columns(caption, rows) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = 200, bottom = 30, left = 44, width = 1160;
  const step = rows.length ? (width - left - 10) / rows.length : 0;
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${height + bottom}`, role: 'img',
    'aria-label': caption, class: 'chart columns' });
  svg.append(h('svg:line', { x1: left, y1: height, x2: width - 5, y2: height, class: 'axis' }));
  svg.append(h('svg:text', { x: left - 6, y: 12, 'text-anchor': 'end', class: 'value' }, number(max)));
  svg.append(h('svg:text', { x: left - 6, y: height, 'text-anchor': 'end', class: 'value' }, '0'));
  const every = Math.max(1, Math.ceil(rows.length / 12));
  rows.forEach((r, i) => {
    const x = left + i * step;
    const hgt = (r.count / max) * (height - 14);
    svg.append(h('svg:rect', { x: x + step * 0.12, y: height - hgt, width: Math.max(1, step * 0.76),
      height: hgt, class: 'bar' }, h('svg:title', {}, `${r.label}: ${number(r.count)}`)));
    if (i % every === 0) {
      svg.append(h('svg:text', { x: x + step / 2, y: height + 16, 'text-anchor': 'middle',
        class: 'label small' }, r.label));
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
  const rowH = 30, labelW = 150, width = 560, barW = width - labelW - 90;
  const svg = h('svg:svg', { viewBox: `0 0 ${width} ${rows.length * rowH + 4}`, role: 'img',
    'aria-label': caption, class: 'chart progress' });
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    const whole = Math.max(1, r.done + r.pending + (r.left || 0));
    let x = labelW;
    svg.append(h('svg:text', { x: labelW - 8, y: y + 19, 'text-anchor': 'end', class: 'label' }, r.label));
    svg.append(h('svg:rect', { x: labelW, y: y + 5, width: barW, height: rowH - 10, class: 'seg track' }));
    [['done', r.done], ['pending', r.pending], ['left', r.left || 0]].forEach(([kind, n]) => {
      const w = (n / whole) * barW;
      if (w > 0) {
        svg.append(h('svg:rect', { x, y: y + 5, width: w, height: rowH - 10, class: `seg ${kind}` },
          h('svg:title', {}, `${r.label}: ${number(n)}`)));
      }
      x += w;
    });
    const total = r.left === null ? `${number(r.done)}` : `${number(r.done)} / ${number(r.done + r.pending + r.left)}`;
    svg.append(h('svg:text', { x: labelW + barW + 6, y: y + 19, class: 'value' }, total));
  });
  const key = h('p', { class: 'legend small' }, legend.map((l, i) =>
    (l ? h('span', {}, h('span', { class: `swatch ${['done', 'pending', 'left'][i]}` }), l) : null)));
  const data = h('table', { class: 'visually-hidden' }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', {}, ''), legend.map((l) => h('th', {}, l)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', {}, r.label), h('td', {}, number(r.done)),
      h('td', {}, number(r.pending)), h('td', {}, r.left === null ? '—' : number(r.left))))));
  return h('figure', { class: 'chart-box' }, h('figcaption', {}, caption), svg, key, data);
}
