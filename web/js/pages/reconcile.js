// Reconciliation: upload the other side's list, see who is who, and review
// the doubtful rows side by side: their row against our record, the fields
// that differ marked with how they differ. Confirm with C, reject with R,
// move with J and K.
import { get, post, query, upload } from '../api.js';
import { h, clear, notice } from '../dom.js';
import { t, label, number, message } from '../i18n.js';
import { section as duplicates } from './duplicates.js';

// The comparisons of the report, and the list columns each is read from
// (Cyrillic first, then Latin).
const FIELDS = [
  ['surname', ['surname', 'surname_latin']],
  ['given_names', ['given_names', 'given_names_latin']],
  ['patronymic', ['patronymic', 'patronymic_latin']],
  ['birth_date', ['birth_date']],
  ['service_number', ['service_number']],
  ['unit', ['unit']],
  ['birth_place', ['birth_place']],
  ['sex', ['sex']],
  ['home_address', ['home_address']],
  ['home_locality', ['home_locality']],
  ['home_region', ['home_region']],
];

// RFC 4180 records with the line each starts on: the report names rows by
// line, and the browser still has the file.
export function parseCsv(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = new Map();
  let header = null;
  let rec = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    rec.push(field);
    field = '';
    if (!(rec.length === 1 && rec[0] === '')) {
      if (!header) header = rec;
      else records.set(start, Object.fromEntries(header.map((k, i) => [k, rec[i] || ''])));
    }
    rec = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else { if (c === '\n') line++; field += c; }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { rec.push(field); field = ''; }
    else if (c === '\r') { /* CRLF */ }
    else if (c === '\n') { end(); line++; start = line; }
    else field += c;
  }
  if (field !== '' || rec.length) end();
  return records;
}

// Their side: what the server read from the row (a whole name split into
// its parts), else the row as the browser has it; sex in words.
function listValue(row, raw, cols) {
  const said = (c, v) => (c === 'sex' ? label('values', v) : v);
  for (const c of cols) if (row.theirs && row.theirs[c]) return said(c, row.theirs[c]);
  for (const c of cols) if (raw && raw[c]) return said(c, raw[c]);
  return '';
}

function personValue(p, cols) {
  for (const c of cols) if (p && p[c]) return c === 'sex' ? label('values', p[c]) : p[c];
  return '';
}

function flagsText(flags) {
  return flags.map((f) => t(`reconcile.flag_${f}`)).join(', ');
}

function summary(rep) {
  const s = rep.summary;
  // Each row once, by its outcome (they add up to the rows), then the flags.
  const items = [['list_rows', s.list_rows], ['matched', s.matched], ['review', s.review],
    ['duplicate', s.duplicate], ['unmatched', s.unmatched], ['already_returned', s.already_returned],
    ['died', s.died], ['civilian', s.civilian], ['booked', s.booked], ['not_eligible', s.not_eligible]];
  return h('div', {}, warnings(rep.warnings), h('dl', { class: 'report', id: 'reconcile-summary' },
    items.map(([k, v]) => [h('dt', {}, t(`reconcile.${k}`)), h('dd', {}, number(v))])),
  columnsRead(s.columns_read), splitSummary(s.name_split));
}

// The columns read by headers of the list's own (Прізвище, Дата рождения):
// said, so that none is read as something it is not without a word.
function columnsRead(cols) {
  if (!cols) return null;
  const list = Object.entries(cols).map(([head, field]) => `${head}: ${label('fields', field)}`).join(', ');
  return h('p', { id: 'columns-read', class: 'muted' }, t('reconcile.columns_read', { columns: list }));
}

// What the linkage warns of (a field the same for everyone, a model it
// could not learn, no pair compared): said before the counts, never silent.
function warnings(list) {
  if (!list || !list.length) return null;
  return h('div', { class: 'linkage-warnings' },
    list.map((w) => notice('warn', message(w.message_code, w.args) || w.message)));
}

// How a "name" column was split, rule by rule, and how many rows were not:
// never silently.
function splitSummary(split) {
  if (!split) return null;
  const by = Object.entries(split.by || {}).map(([how, n]) =>
    t('bothsides.split_by', { n: number(n), how: t(`bothsides.how_${how}`) }));
  const parts = [t('bothsides.split_intro'), `${by.join(', ') || t('bothsides.split_none')}.`,
    t('bothsides.split_unsplit', { n: number(split.unsplit) })];
  if (split.words_left_out) parts.push(t('bothsides.split_left_out', { n: number(split.words_left_out) }));
  const votes = split.order_shown_by || {};
  parts.push(split.order === 'surname_first' ? t('bothsides.split_order_first', { n: number(votes.surname_first) })
    : split.order === 'surname_last' ? t('bothsides.split_order_last', { n: number(votes.surname_last) })
      : t('bothsides.split_order_unknown'));
  return h('p', { id: 'name-split', class: split.unsplit ? 'warn' : 'muted' }, parts.join(' '));
}

// The comparison levels of the report (src/match/compare.c), in words.
const LEVELS = {
  exact: 'exact', equivalent: 'equivalent', swapped: 'swapped', 'jw>=0.94': 'close',
  'jw>=0.88': 'similar', diminutive: 'diminutive', 'learned<=1': 'close', 'learned<=2': 'similar',
  variant: 'variant', 'jw>=0.85': 'similar', 'day/month swapped': 'dm_swapped',
  'one digit off': 'digit', 'year only, same': 'year_same', 'year +-1': 'year_near',
  transposition: 'transposition', 'one edit': 'one_edit', else: 'else', unknown: 'unknown',
  'same number, words close': 'address_same_number_close', 'words close': 'address_close',
  'same number': 'address_same_number', partly: 'address_partly',
};

function levelText(level) {
  return LEVELS[level] ? t(`bothsides.level_${LEVELS[level]}`) : level;
}

function weightText(w) {
  return `${w > 0 ? '+' : ''}${number(w)}`;
}

// Their row and our record, field by field.
async function detail(ctx, row, raw, onDecide) {
  const box = h('section', { class: 'card review', id: 'review', 'aria-live': 'polite' });
  if (!row.person) {
    box.append(h('h2', {}, t('reconcile.row', { line: row.line })), notice('info', t('reconcile.no_candidate')));
    return box;
  }
  let p = null;
  try { p = await get(`/api/persons/${row.person}`); } catch { /* shown as empty */ }
  let total = 0;
  const table = h('table', { class: 'side-by-side' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('reconcile.field')),
      h('th', { scope: 'col' }, t('reconcile.their_row', { line: row.line })),
      h('th', { scope: 'col' }, h('a', { href: `/persons/${row.person}` }, row.person_name || row.person)),
      h('th', { scope: 'col' }, t('reconcile.level')))),
    h('tbody', {}, FIELDS.map(([name, cols]) => {
      const f = (row.fields || {})[name] || { level: 'unknown', weight: 0 };
      const differs = f.level !== 'exact' && f.level !== 'unknown';
      total += f.weight || 0;
      return h('tr', { class: differs ? 'differs' : null, dataset: { field: name, level: f.level } },
        h('th', { scope: 'row' }, t(`fields.${name}`)),
        h('td', { class: 'theirs' }, listValue(row, raw, cols) || t('app.none')),
        h('td', { class: 'ours' }, personValue(p, cols) || t('app.none')),
        h('td', {}, `${levelText(f.level)} (${weightText(f.weight)})`));
    })),
    h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 3 }, t('bothsides.weight_total')),
      h('td', {}, weightText(Math.round(total * 100) / 100)))));
  const split = row.name_split
    ? h('p', { class: 'muted', id: 'row-split' }, row.name_split === 'unsplit' ? t('bothsides.row_unsplit')
      : t('bothsides.row_split', { how: t(`bothsides.how_${row.name_split}`) }),
      row.name_left_out ? ` ${t('bothsides.row_left_out', { n: row.name_left_out })}` : '')
    : null;
  box.append(
    h('h2', {}, t('reconcile.row', { line: row.line })),
    split,
    h('p', {}, t('reconcile.probability', { p: (row.probability * 100).toFixed(1) }),
      row.flags.length ? h('span', { class: 'flags' }, ` ${flagsText(row.flags)}`) : null,
      row.decided ? h('strong', { class: 'decided' }, ` ${t('reconcile.decided')}`) : null),
    table);
  if (ctx.can('decide')) {
    box.append(h('div', { class: 'actions' },
      h('button', { class: 'primary', id: 'confirm', onclick: () => onDecide('confirm') },
        t('reconcile.confirm'), h('kbd', {}, 'C')),
      h('button', { id: 'reject', onclick: () => onDecide('reject') }, t('reconcile.reject'), h('kbd', {}, 'R')),
      h('span', { class: 'muted' }, t('reconcile.keys'))));
  }
  return box;
}

function resultView(ctx, rep, raw, fileName) {
  const rows = rep.rows;
  let filter = rep.summary.review ? 'review' : rep.summary.duplicate ? 'duplicate' : 'matched';
  let current = 0;
  const status = h('p', { role: 'status', class: 'muted', id: 'decision-status' });
  const list = h('div', { class: 'table-wrap' });
  const panel = h('div', {});
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const shown = () => rows.filter((r) => filter === 'all' || r.outcome === filter);

  async function select(i) {
    const visible = shown();
    if (!visible.length) { clear(panel); return; }
    current = Math.max(0, Math.min(i, visible.length - 1));
    for (const tr of list.querySelectorAll('tbody tr')) tr.classList.toggle('selected', Number(tr.dataset.i) === current);
    const row = visible[current];
    clear(panel).append(await detail(ctx, row, raw.get(row.line), (d) => decide(row, d)));
  }

  async function decide(row, decision) {
    if (!row.person || !ctx.can('decide')) return;
    try {
      await post('/api/reconcile/decisions', { row: row.row, person: row.person, decision,
        list: fileName, list_row: row.list_id });
      row.decided = decision === 'confirm';
      if (decision === 'reject') { row.outcome = 'unmatched'; delete row.person; }
      else row.outcome = 'matched';
      status.textContent = t(`reconcile.done_${decision}`, { line: row.line });
      drawList();
      await select(current);
    } catch (err) {
      status.textContent = `${t('app.error')}: ${err.message}`;
    }
  }

  function drawList() {
    const visible = shown();
    clear(tabs).append(...['review', 'duplicate', 'matched', 'unmatched', 'all'].map((f) =>
      h('button', { role: 'tab', 'aria-selected': f === filter ? 'true' : 'false', class: f === filter ? 'active' : null,
        onclick: () => { filter = f; drawList(); select(0); } },
      `${t(`reconcile.${f}`)} (${number(f === 'all' ? rows.length : rows.filter((r) => r.outcome === f).length)})`)));
    clear(list).append(visible.length ? h('table', { class: 'log', id: 'reconcile-rows' },
      h('thead', {}, h('tr', {}, [t('reconcile.col_line'), t('reconcile.col_list_id'), t('bothsides.col_their_name'),
        t('reconcile.col_outcome'), t('reconcile.col_person'), t('bothsides.col_person_name'),
        t('reconcile.col_probability'), t('reconcile.col_flags')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, visible.map((r, i) => h('tr', { dataset: { i }, onclick: () => select(i), class: i === current ? 'selected' : null },
        h('td', {}, r.line), h('td', {}, r.list_id), h('td', { class: 'their-name' }, r.their_name || ''),
        h('td', {}, t(`reconcile.${r.outcome}`) + (r.decided ? ' ✓' : '')),
        h('td', { class: 'mono' }, r.person || ''), h('td', { class: 'person-name' }, r.person ? (r.person_name || '') : ''),
        h('td', {}, r.person ? (r.probability * 100).toFixed(1) : ''),
        h('td', { class: 'flags' }, flagsText(r.flags || []))))))
      : notice('info', t('reconcile.none')));
  }

  function onKey(e) {
    if (!document.body.contains(panel)) { document.removeEventListener('keydown', onKey); return; }
    if (e.target.closest && e.target.closest('input, select, textarea')) return;
    const visible = shown();
    if (e.key === 'j') select(current + 1);
    else if (e.key === 'k') select(current - 1);
    else if ((e.key === 'c' || e.key === 'r') && visible[current]) decide(visible[current], e.key === 'c' ? 'confirm' : 'reject');
  }
  document.addEventListener('keydown', onKey);
  drawList();
  select(0);
  return h('div', { class: 'reconcile-result' }, summary(rep), tabs, list, status, panel);
}

export async function render(ctx) {
  const files = h('input', { type: 'file', id: 'list-file', accept: '.csv,text/csv', required: true });
  const threshold = h('input', { type: 'number', id: 'threshold', min: 0.5, max: 0.999, step: 0.01, placeholder: '0.9' });
  const idColumn = h('input', { id: 'id-column', placeholder: 'ext.icrc', size: 14 });
  const out = h('div', { class: 'out' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'reconcile-submit' }, t('reconcile.submit'));
  const form = h('form', { class: 'card' },
    h('p', {}, t('reconcile.intro')),
    h('div', { class: 'row' },
      h('div', { class: 'field grow' }, h('label', { for: 'list-file' }, t('reconcile.file')), files),
      h('div', { class: 'field' }, h('label', { for: 'threshold' }, t('reconcile.threshold')), threshold),
      h('div', { class: 'field' }, h('label', { for: 'id-column' }, t('reconcile.id_column')), idColumn)),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = files.files[0];
    if (!file) return;
    button.disabled = true;
    clear(out).append(h('p', { class: 'muted', role: 'status' }, t('reconcile.working')));
    try {
      const data = new FormData();
      data.append('file', file, file.name);
      const rep = await upload(`/api/reconcile${query({ threshold: threshold.value, id_column: idColumn.value })}`,
        data, {}, () => {});
      const raw = parseCsv(await file.text());
      clear(out).append(resultView(ctx, rep, raw, file.name));
    } catch (err) {
      clear(out).append(notice('error', `${t('reconcile.failed')} ${err.message}`));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'reconcile' }, h('h1', {}, t('reconcile.title')), form, out, await duplicates());
}
