// Import files (all or nothing, with every problem listed), and export.
import { get, upload, postForFile, uploadFile } from '../api.js';
import { h, clear, notice, field, announce, onFileSubmit } from '../dom.js';
import { t, number } from '../i18n.js';

function randomId() {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Why an import was refused: every problem listed (file, line, column),
// or the error; id names the list.
export function refused(err, id) {
  // With rows listed, the server's summary would only say it twice.
  if (!err.problems.length) return notice('error', `${t('import.failed')} ${err.message}`);
  return h('div', {}, notice('error', t('import.failed_rows')), h('h2', {}, t('import.problems')),
    h('ol', { class: 'problems', id }, err.problems.map((p) => h('li', { class: 'mono' }, p))));
}

// A page's form for one CSV file sent to `path` (the testimonies', the
// families' backlog): its columns said, all or nothing, each problem at its
// line and column, else what imported(r) makes of the answer. The ids are
// p-import, p-file, p-import-submit, p-import-out, p-import-problems;
// text(k) the page's words: title, intro, rules, file, submit, done,
// nothing_new. after(r), if given, runs once an import wrote something: the
// page's list shows the new rows.
export function csvImportForm(p, path, columns, text, imported, after) {
  const file = h('input', { type: 'file', id: `${p}-file`, name: 'file', accept: '.csv,text/csv', required: true,
    'aria-describedby': `${p}-import-intro` });
  const out = h('div', { class: 'out', id: `${p}-import-out` });
  const button = h('button', { type: 'submit', class: 'primary', id: `${p}-import-submit` }, text('submit'));
  const form = h('form', { class: 'card import', id: `${p}-import` },
    h('h2', {}, text('title')),
    h('div', { class: 'muted small', id: `${p}-import-intro` }, h('p', {}, text('intro')),
      h('p', {}, h('code', { translate: 'no' }, columns.join(', '))), h('p', {}, text('rules'))),
    h('div', { class: 'row' }, field(text('file'), file, true)),
    h('div', { class: 'actions' }, button), out);
  onFileSubmit(form, file, button, async () => {
    clear(out);
    try {
      const r = await uploadFile(path, file);
      out.append(imported(r));
      announce(text(r.created ? 'done' : 'nothing_new'));
      if (r.created && after) await after(r);
    } catch (err) {
      out.append(refused(err, `${p}-import-problems`));
    }
  });
  return form;
}

function report(r) {
  const keys = ['rows', 'persons_created', 'persons_updated', 'persons_unchanged', 'events_added',
    'events_unchanged', 'files_already_imported'];
  // The columns read by headers in the office's own words (Прізвище):
  // said, so that none is read as something it is not without a word.
  return h('div', {}, h('dl', { class: 'report', id: 'import-report' },
    keys.map((k) => [h('dt', {}, t(`import.${k}`)), h('dd', {}, number(r[k]))])),
  r.columns_read ? h('p', { id: 'import-columns-read', class: 'muted' },
    t('reconcile.columns_read', { columns: r.columns_read })) : null);
}

function importForm() {
  const files = h('input', { type: 'file', id: 'files', name: 'file', multiple: true, accept: '.csv,.json,text/csv,application/json', required: true });
  const format = h('select', { id: 'format' },
    h('option', { value: '' }, t('import.auto')), h('option', { value: 'csv' }, 'CSV'), h('option', { value: 'json' }, 'JSON'));
  const bar = h('progress', { max: 100, value: 0, hidden: true, id: 'import-progress' });
  const status = h('p', { class: 'muted', role: 'status' });
  const out = h('div', { class: 'out' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('import.submit'));
  const form = h('form', { class: 'card import' },
    h('p', {}, t('import.intro')),
    h('div', { class: 'row' },
      h('div', { class: 'field grow' }, h('label', { for: 'files' }, t('import.files')), files),
      h('div', { class: 'field' }, h('label', { for: 'format' }, t('import.format')), format)),
    h('div', { class: 'actions' }, button), bar, status, out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!files.files.length) return;
    const data = new FormData();
    for (const f of files.files) data.append('file', f, f.name);
    const id = randomId();
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    out.replaceChildren();
    let uploaded = false;
    // While the server works, ask how far it got.
    const poll = setInterval(async () => {
      if (!uploaded) return;
      try {
        const p = await get(`/api/imports/${id}`);
        const pct = p.bytes_total ? Math.round((100 * p.bytes_done) / p.bytes_total) : 0;
        bar.value = pct;
        status.textContent = t('import.processing', { file: p.file, rows: number(p.rows), p: pct });
      } catch { /* not started yet */ }
    }, 400);
    try {
      const r = await upload(`/api/import${format.value ? `?format=${format.value}` : ''}`, data,
        { 'X-Import-Id': id }, (f) => {
          bar.value = Math.round(f * 100);
          status.textContent = t('import.uploading', { p: Math.round(f * 100) });
          if (f >= 1) { uploaded = true; bar.value = 0; }
        });
      uploaded = true;
      out.append(notice('success', t('import.done')), report(r));
    } catch (err) {
      out.append(refused(err, 'import-problems'));
    } finally {
      clearInterval(poll);
      bar.hidden = true;
      status.textContent = '';
      button.disabled = false;
    }
  });
  return form;
}

function exportLinks() {
  return h('section', { class: 'card' }, h('h2', {}, t('import.export')),
    h('ul', { class: 'links' },
      h('li', {}, h('a', { href: '/api/export?format=json', download: '' }, t('import.export_json'))),
      h('li', {}, h('a', { href: '/api/export?format=csv&what=persons', download: '' }, t('import.export_persons'))),
      h('li', {}, h('a', { href: '/api/export?format=csv&what=events', download: '' }, t('import.export_events')))),
    h('p', { class: 'muted small' }, t('import.export_note')));
}

// An export encrypted to a passphrase, limited to chosen fields if asked:
// 'parley decrypt FILE --passphrase-file PFILE' reads it (docs/security.md).
function encryptedExport() {
  const what = h('select', { id: 'enc-what' },
    h('option', { value: 'json' }, t('import.export_json')),
    h('option', { value: 'persons' }, t('import.export_persons')),
    h('option', { value: 'events' }, t('import.export_events')));
  const fields = h('input', { id: 'enc-fields', type: 'text', placeholder: 'surname,given_names,birth_date' });
  const pass = h('input', { id: 'enc-pass', type: 'password', autocomplete: 'new-password' });
  const again = h('input', { id: 'enc-again', type: 'password', autocomplete: 'new-password' });
  const key = h('input', { id: 'enc-key', type: 'file', accept: '.pub,application/json' });
  const out = h('div', { class: 'out', role: 'status' });
  const button = h('button', { type: 'submit' }, t('import.encrypted_submit'));
  const form = h('form', { class: 'card encrypted-export' }, h('h2', {}, t('import.encrypted_title')),
    h('p', { class: 'muted small' }, t('import.encrypted_intro')),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'enc-what' }, t('import.encrypted_what')), what),
      h('div', { class: 'field grow' }, h('label', { for: 'enc-fields' }, t('import.encrypted_fields')), fields)),
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'enc-pass' }, t('import.encrypted_passphrase')), pass),
      h('div', { class: 'field' }, h('label', { for: 'enc-again' }, t('import.encrypted_again')), again)),
    h('div', { class: 'row' },
      h('div', { class: 'field grow' }, h('label', { for: 'enc-key' }, t('import.encrypted_key')), key)),
    h('div', { class: 'actions' }, button), out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    out.textContent = '';
    const file = key.files[0];
    if (!file && pass.value !== again.value) {
      out.append(notice('error', t('import.encrypted_differ')));
      return;
    }
    // The recipient's public key file, if one was chosen; else the passphrase.
    const body = file ? { public_key: await file.text() } : { passphrase: pass.value };
    if (what.value === 'json') body.format = 'json';
    else Object.assign(body, { format: 'csv', what: what.value });
    if (fields.value.trim()) body.fields = fields.value.replace(/\s+/g, '');
    button.disabled = true;
    try {
      const { blob, name } = await postForFile('/api/export', body);
      const a = h('a', { href: URL.createObjectURL(blob), download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60000);
      out.append(notice('success', t('import.encrypted_done', { file: name })));
      pass.value = again.value = '';
      key.value = '';
    } catch (err) {
      out.append(notice('error', err.message));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

export async function render(ctx) {
  return h('section', { class: 'import-page' }, h('h1', {}, t('import.title')),
    ctx.can('import') ? importForm() : null,
    ctx.can('export') ? exportLinks() : null,
    ctx.can('export') ? encryptedExport() : null);
}
