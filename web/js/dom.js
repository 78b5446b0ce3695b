// Building the page from elements, never from HTML strings: what the
// server sends is always text, so a name can never become markup.
import { t, number } from './i18n.js';

// h('a', {href: '/x', class: 'btn', onclick: f}, 'text', child, [more])
export function h(tag, attrs, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (!svg && k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

// A status line that screen readers announce.
export function notice(kind, text) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

// A table: headers, then rows of cells (text or elements). attrs go on the
// <table>; rowAttrs(i) may give each <tr> its own.
export function table(headers, rows, attrs, rowAttrs) {
  // The box scrolls sideways when the table is wider than the page: it
  // takes the keyboard's focus so that it can be scrolled without a mouse.
  return h('div', { class: 'table-wrap', tabindex: '0' }, h('table', attrs || {},
    h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((r, i) => h('tr', rowAttrs ? rowAttrs(i) : {}, r.map((c) => h('td', {}, c)))))));
}

// A long list shown `size` rows at a time (the planner's exclusions, a
// log of thousands): the page stays short on a phone, and the pager says
// which rows are shown of how many. The other rows stay in the table,
// hidden, so the page's own code finds them. Same arguments as table().
export function pagedTable(headers, rows, attrs, rowAttrs, size = 50) {
  const grid = table(headers, rows, attrs, rowAttrs);
  if (rows.length <= size) return grid;
  const trs = [...grid.querySelectorAll('tbody > tr')];
  const pager = h('nav', { class: 'pager', 'aria-label': t('layout.pages') });
  const show = (from) => {
    const to = Math.min(rows.length, from + size);
    trs.forEach((tr, i) => { tr.hidden = i < from || i >= to; });
    const button = (text, at, rel) => h('button', { type: 'button', class: 'small', dataset: { page: rel },
      onclick: () => { show(at); grid.scrollIntoView({ block: 'nearest' }); } }, text);
    pager.replaceChildren(
      from > 0 ? button(t('layout.prev'), Math.max(0, from - size), 'prev') : h('span'),
      h('span', { role: 'status' }, t('layout.page', { from: number(from + 1), to: number(to), total: number(rows.length) })),
      to < rows.length ? button(t('layout.next'), to, 'next') : h('span'));
  };
  show(0);
  return h('div', { class: 'paged' }, grid, pager);
}

// A description list from [term, value] pairs, leaving out empty values.
export function pairs(list, attrs) {
  return h('dl', attrs || {}, list.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

// A labelled form control.
export function field(text, control, grow) {
  return h('div', { class: grow ? 'field grow' : 'field' }, h('label', { for: control.id }, text), control);
}

// Submitting `form` once a file is chosen in `input`: work() runs with
// `button` disabled.
export function onFileSubmit(form, input, button, work) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!input.files[0]) return;
    button.disabled = true;
    try {
      await work();
    } finally {
      button.disabled = false;
    }
  });
}
