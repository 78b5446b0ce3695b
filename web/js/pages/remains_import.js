// Import a remains cases file (CSV, docs/remains.md): all or nothing, with
// every problem listed by line and column, or what was imported.
import { uploadFile, query } from '../api.js';
import { h, clear, notice, field, onFileSubmit } from '../dom.js';
import { t, number } from '../i18n.js';
import { refused } from './import.js';

function report(r) {
  const keys = ['rows', 'created', 'updated', 'unchanged', 'batches_created', 'custody_added', 'events_added'];
  return h('div', {}, h('dl', { class: 'report', id: 'remains-report' },
    keys.map((k) => [h('dt', {}, t(`remains_import.${k}`)), h('dd', {}, number(r[k]))])),
  r.notes.length ? [h('h2', {}, t('remains_import.notes')), h('ul', {}, r.notes.map((n) => h('li', { class: 'mono' }, n)))] : null);
}

export async function render() {
  const file = h('input', { type: 'file', id: 'rm-file', accept: '.csv,text/csv', required: true });
  const from = h('input', { id: 'rm-from', size: 4, placeholder: 'RU' });
  const to = h('input', { id: 'rm-to', size: 4, placeholder: 'UA' });
  const date = h('input', { id: 'rm-date', size: 11, placeholder: 'YYYY-MM-DD' });
  const out = h('div', { class: 'out' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'rm-submit' }, t('remains_import.submit'));
  const form = h('form', { class: 'card import' },
    h('p', {}, t('remains_import.intro')),
    h('div', { class: 'row' }, field(t('remains_import.file'), file, true)),
    h('p', { class: 'muted small' }, t('remains_import.defaults')),
    h('div', { class: 'row' }, field(t('batches.from'), from), field(t('batches.to'), to), field(t('batches.handover'), date)),
    h('div', { class: 'actions' }, button), out);
  onFileSubmit(form, file, button, async () => {
    clear(out);
    try {
      const r = await uploadFile(`/api/remains/import${query({ from: from.value.trim(), to: to.value.trim(), date: date.value.trim() })}`,
        file);
      out.append(notice('success', t('remains_import.done')), report(r));
    } catch (err) {
      out.append(refused(err, 'remains-problems'));
    }
  });
  return h('section', { class: 'remains-import' }, h('h1', {}, t('remains_import.title')),
    h('p', { class: 'subnav' }, h('a', { href: '/remains' }, t('remains.cases'))), form);
}
