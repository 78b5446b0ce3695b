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

// ---- dialogs and messages ----------------------------------------------

// Tab and Shift+Tab go round the dialog's own controls, never out of it.
function trapTab(e) {
  if (e.key !== 'Tab') return;
  const all = [...e.currentTarget.querySelectorAll('button, input, textarea, select, a[href]')]
    .filter((x) => !x.disabled && !x.hidden);
  if (!all.length) return;
  const first = all[0];
  const last = all[all.length - 1];
  if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
}

// A modal dialog before a change: what it does (text), an optional text
// field (field: {label, hint, required}: a reason where the audit keeps
// one) or form controls of the caller's (controls: a passphrase), and an
// explicit button (ok; danger for what cannot be undone).
// Focus stays inside; Escape or Cancel leaves everything as it was; focus
// goes back where it was (to the page, if that is gone). run(value, error)
// makes the change (error: the dialog's line for a word while it works);
// an error it throws is shown in the dialog, which stays open.
// Resolves true once run succeeded, false when cancelled.
export function dialog({ id = 'confirm-dialog', title, text, field, controls, ok, danger, run }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const input = field ? h('textarea', { id: `${id}-text`, rows: 3, cols: 50, maxlength: 500,
      required: field.required, placeholder: field.hint || null, 'aria-describedby': `${id}-error` }) : null;
    const error = h('p', { class: 'error', role: 'alert', id: `${id}-error` });
    const dlg = h('dialog', { class: 'modal', id, 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-desc` });
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      dlg.close();
      dlg.remove();
      const back = opener && opener.isConnected && opener !== document.body ? opener : document.getElementById('main');
      if (back) back.focus();
      resolve(value);
    };
    const okButton = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', id: `${id}-ok` }, ok);
    const cancelButton = h('button', { type: 'button', id: `${id}-cancel`, onclick: () => finish(false) }, t('dialog.cancel'));
    dlg.append(h('form', { method: 'dialog', novalidate: true, onsubmit: async (ev) => {
      ev.preventDefault();
      const value = input ? input.value.trim() : '';
      if (field && field.required && !value) {
        error.textContent = t('dialog.required', { what: field.label });
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      okButton.disabled = true;
      try {
        await run(value, error);
        finish(true);
      } catch (err) {
        error.textContent = err.message;
        okButton.disabled = false;
      }
    } },
    h('h2', { id: `${id}-title` }, title), h('p', { id: `${id}-desc` }, text),
    field ? h('label', { for: `${id}-text` }, field.label) : null, input, controls || null, error,
    h('div', { class: 'actions' }, okButton, cancelButton)));
    // Escape: the browser's cancel, taken as Cancel.
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); finish(false); });
    dlg.addEventListener('keydown', trapTab);
    document.body.append(dlg);
    dlg.showModal();
    // Where a slip would do harm, Enter alone does not confirm it.
    (input || (controls && dlg.querySelector('input, select, textarea')) || (danger ? cancelButton : okButton)).focus();
  });
}

// The one place a successful change is said: a status region outside the
// page, so the message outlives the page drawn again after the change; it
// goes with the next page (clearMessage) or its close button.
function region() {
  let r = document.getElementById('status-message');
  if (!r) {
    r = h('div', { id: 'status-message', class: 'status-region', role: 'status', 'aria-live': 'polite' });
    document.body.append(r);
  }
  return r;
}

export function announce(text, kind) {
  const r = region();
  r.replaceChildren(h('p', { class: `notice ${kind || 'success'}` }, h('span', {}, text), ' ',
    h('button', { type: 'button', class: 'link dismiss', 'aria-label': t('dialog.dismiss'),
      onclick: () => r.replaceChildren() }, '×')));
}

export function clearMessage() {
  region().replaceChildren();
}
