// Letters to families (docs/families.md, "Letters"): on an inquiry's page,
// writing one (kind, language, a preview, the printable page, marking it
// sent with how) and the inquiry's letters; the printable page of a letter
// (rendered, or as sent); and the templates page, where the office edits
// its own text with a preview, a refusal shown at its line.
import { get, post, query } from '../api.js';
import { h, notice, table, field, announce } from '../dom.js';
import { t, label } from '../i18n.js';

const KINDS = ['acknowledgement', 'status_update', 'return', 'identification'];
const LANGS = ['uk', 'en', 'ru'];
const HOW = ['post', 'email', 'in_person', 'phone', 'handed_over'];
const LOCALES = { uk: 'uk-UA', en: 'en-GB', ru: 'ru-RU' };

function select(id, values, kind, current) {
  return h('select', { id, name: id },
    values.map((v) => h('option', { value: v, selected: v === current }, label(kind, v))));
}

// The letter's date in its own language ("7 грудня 2026 р.").
function dateWords(day, lang) {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return day || '';
  const d = new Date(`${day}T12:00:00Z`);
  return new Intl.DateTimeFormat(LOCALES[lang] || 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

// A letter as it is printed: letterhead, date, address block, text, signature line.
export function letterView(l) {
  return h('article', { class: 'letter-sheet', id: 'letter-sheet', lang: l.lang, translate: 'no' },
    l.office ? h('header', { class: 'letterhead', id: 'letterhead' }, l.office) : null,
    h('p', { class: 'letter-date' }, dateWords(l.date, l.lang)),
    h('address', { class: 'address-block' },
      [l.recipient, l.address, l.email].filter(Boolean).map((line) => h('div', {}, line))),
    h('div', { class: 'letter-body', id: 'letter-body' }, l.body),
    h('div', { class: 'signature' }, h('span', { class: 'signature-line' }), h('span', { class: 'small' }, l.signature_label || t('letters.signature'))));
}

function lettersTable(rows) {
  if (!rows.length) return h('p', { class: 'muted', id: 'letters-none' }, t('letters.none'));
  return table([t('letters.id'), t('letters.kind'), t('letters.lang'), t('letters.how'), t('letters.sent_on'),
    t('letters.sent_by'), t('letters.task')],
  rows.map((l) => [h('a', { href: `/letters/${l.id}`, class: 'mono' }, l.id), label('letter_kinds', l.kind),
    label('letter_languages', l.lang), label('letter_how', l.how), l.sent_on, l.sent_by || '—', l.task || '—']),
  { class: 'letters', id: 'letters' }, (i) => ({ 'data-letter': rows[i].id, 'data-kind': rows[i].kind }));
}

// The form that records a letter as sent, once it has been previewed.
function sendForm(ctx, q, chosen, tasks, msg) {
  const how = select('letter-how', HOW, 'letter_how', 'post');
  const date = h('input', { id: 'letter-date', name: 'letter-date', size: 10, placeholder: 'YYYY-MM-DD' });
  const task = h('select', { id: 'letter-task', name: 'letter-task' }, h('option', { value: '' }, t('letters.no_task')),
    tasks.filter((k) => k.may_contact).map((k) => h('option', { value: k.id }, `${label('task_kinds', k.kind)} · ${k.created_at ? k.created_at.slice(0, 10) : ''} · ${k.id}`)));
  const form = h('form', { class: 'group', id: 'letter-send-form' }, h('h3', {}, t('letters.mark_sent')),
    h('div', { class: 'row' }, field(t('letters.how'), how), field(t('letters.sent_on_default'), date), field(t('letters.closes_task'), task)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'letter-send' }, t('letters.mark_sent'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      const l = await post('/api/letters', { inquiry: q.id, kind: chosen().kind, lang: chosen().lang, how: how.value,
        date: date.value.trim() || undefined, task: task.value || undefined });
      announce(t('letters.sent', { id: l.id }));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.field === 'date') date.focus();
    }
  });
  return form;
}

// "Write a letter" and the letters of one inquiry (its page).
export async function letterSection(ctx, q) {
  if (!ctx.can('inquiry_contacts')) return null;
  const [page, taskPage] = await Promise.all([get(`/api/letters${query({ inquiry: q.id, limit: 200 })}`),
    q.sought ? get(`/api/tasks${query({ person: q.sought.id, status: 'open', limit: 50 })}`) : { tasks: [] }]);
  const kind = select('letter-kind', KINDS, 'letter_kinds', 'acknowledgement');
  const lang = select('letter-lang', LANGS, 'letter_languages', q.language || 'uk');
  const msg = h('div', { id: 'letter-msg' });
  const preview = h('div', { class: 'letter-preview', id: 'letter-preview' });
  const chosen = () => ({ kind: kind.value, lang: lang.value });
  const show = async () => {
    msg.replaceChildren();
    preview.replaceChildren();
    try {
      const l = await post('/api/letters/render', { inquiry: q.id, ...chosen() });
      preview.append(letterView(l),
        h('p', { class: 'actions' }, h('a', { class: 'button', id: 'letter-print-link',
          href: `/letters/print${query({ inquiry: q.id, ...chosen() })}` }, t('letters.print'))),
        ctx.can('inquiry_write') && q.status !== 'closed' ? sendForm(ctx, q, chosen, taskPage.tasks, msg) : null);
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  };
  const form = h('form', { class: 'filters', id: 'letter-form', onsubmit: (e) => { e.preventDefault(); show(); } },
    field(t('letters.kind'), kind), field(t('letters.lang'), lang),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'letter-preview-btn' }, t('letters.preview'))));
  return h('section', { class: 'group letters-section', id: 'letters-section' }, h('h2', {}, t('letters.title')),
    h('p', { class: 'muted small' }, t('letters.intro'), ' ', h('a', { href: '/letters/templates', id: 'templates-link' }, t('letters.templates'))),
    form, msg, preview, h('h3', {}, t('letters.sent_title')), lettersTable(page.letters),
    page.total > page.letters.length ? h('p', { class: 'muted small' }, t('letters.more', { n: page.letters.length, total: page.total })) : null);
}

// ---- the printable page -----------------------------------------------------------

async function printPage(ctx) {
  let l;
  if (ctx.params[0]) {
    l = await get(`/api/letters/${ctx.params[0]}`);
  } else {
    const q = ctx.query;
    l = await post('/api/letters/render', { inquiry: q.get('inquiry'), kind: q.get('kind'), lang: q.get('lang') || undefined });
  }
  return h('section', { class: 'letter-page' },
    h('h1', { class: 'no-print' }, t('letters.print_title', { kind: label('letter_kinds', l.kind) })),
    h('p', { class: 'no-print muted' }, h('a', { href: `/inquiries/${l.inquiry}` }, l.inquiry),
      l.id ? ` · ${t('letters.sent_as', { how: label('letter_how', l.how), date: l.sent_on })}` : ` · ${t('letters.not_sent')}`),
    h('p', { class: 'no-print actions' }, h('button', { type: 'button', class: 'primary', id: 'print-button',
      onclick: () => window.print() }, t('letters.print'))),
    letterView(l));
}

// ---- the templates page --------------------------------------------------------------

// Where a refusal points: the line of the text, with a mark under its column.
function atLine(text, err) {
  const line = Number(err.args && err.args.line), col = Number(err.args && err.args.column);
  if (!line || !col) return null;
  const src = text.split('\n')[line - 1] || '';
  return h('pre', { class: 'tmpl-error-line', id: 'tmpl-error-line' },
    `${t('letters.line_n', { n: line })}: ${src}\n${' '.repeat(t('letters.line_n', { n: line }).length + 2 + col - 1)}^`);
}

function selectAt(area, text, err) {
  const line = Number(err.args && err.args.line), col = Number(err.args && err.args.column);
  if (!line) return;
  const lines = text.split('\n');
  let at = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) at += lines[i].length + 1;
  at += Math.max(0, (col || 1) - 1);
  area.focus();
  area.setSelectionRange(at, at);
}

async function editor(ctx, kind, lang) {
  const tpl = await get(`/api/letters/templates/${kind}/${lang}`);
  const area = h('textarea', { id: 'tmpl-body', name: 'tmpl-body', rows: 18, cols: 80, spellcheck: 'true', lang, translate: 'no' }, tpl.body);
  const inquiry = h('input', { id: 'tmpl-inquiry', name: 'tmpl-inquiry', size: 20, value: ctx.query.get('inquiry') || '' });
  const msg = h('div', { id: 'tmpl-msg' });
  const preview = h('div', { class: 'letter-preview', id: 'tmpl-preview' });
  const refuse = (err) => {
    msg.append(notice('error', err.message), atLine(area.value, err));
    selectAt(area, area.value, err);
  };
  const doPreview = async () => {
    msg.replaceChildren();
    preview.replaceChildren();
    if (!inquiry.value.trim()) {
      msg.append(notice('info', t('letters.preview_needs_inquiry')));
      return;
    }
    try {
      preview.append(letterView(await post('/api/letters/render', { inquiry: inquiry.value.trim(), kind, lang, body: area.value })));
    } catch (err) {
      refuse(err);
    }
  };
  const save = async () => {
    msg.replaceChildren();
    try {
      const saved = await post(`/api/letters/templates/${kind}/${lang}`, { body: area.value });
      announce(t('letters.saved', { version: saved.version }));
      await ctx.reload();
    } catch (err) {
      refuse(err);
    }
  };
  const reset = async () => {
    msg.replaceChildren();
    try {
      await post(`/api/letters/templates/${kind}/${lang}/reset`);
      announce(t('letters.reset_done'));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  };
  // The liaison edits the templates; so does the admin who sets the office up.
  const write = ctx.can('inquiry_write') || ctx.can('office');
  return h('section', { class: 'group', id: 'tmpl-editor' },
    h('h2', {}, `${label('letter_kinds', kind)} · ${label('letter_languages', lang)}`),
    h('p', { class: 'muted small' }, tpl.custom ? t('letters.custom_by', { who: tpl.saved_by, when: (tpl.saved_at || '').slice(0, 10) }) : t('letters.default_text')),
    h('p', { class: 'small' }, t('letters.placeholders'), ' ', h('code', { translate: 'no' }, ['inquirer', 'person', 'birth_date', 'inquiry_ref',
      'inquiry_date', 'status', 'status_date', 'return_date', 'office', 'today', 'dear'].map((p) => `{${p}}`).join(' '))),
    field(t('letters.text'), area, true), field(t('letters.preview_inquiry'), inquiry), msg,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'tmpl-preview-btn', onclick: doPreview }, t('letters.preview')),
      write ? h('button', { type: 'button', class: 'primary', id: 'tmpl-save', onclick: save }, t('letters.save')) : null,
      write && tpl.custom ? h('button', { type: 'button', id: 'tmpl-reset', onclick: reset }, t('letters.reset')) : null),
    preview,
    tpl.history.length ? [h('h3', {}, t('letters.history')),
      table([t('letters.version'), t('letters.saved_by'), t('letters.saved_at'), t('letters.text')],
        tpl.history.map((v) => [String(v.version), v.saved_by || '—', (v.saved_at || '').slice(0, 19).replace('T', ' '),
          v.body === null ? t('letters.back_to_default') : h('pre', { class: 'tmpl-old', lang, translate: 'no' }, v.body)]), { id: 'tmpl-history' })] : null);
}

// The office's name at the head of every letter: set by the admin, shown to
// the liaison as it will be printed.
async function officeForm(ctx) {
  const { office } = await get('/api/letters/office');
  const msg = h('div', { id: 'office-msg' });
  const current = (name) => (name ? t('letters.office_current', { name }) : t('letters.office_none'));
  const now = h('p', { class: 'muted small', id: 'office-current' }, current(office));
  if (!ctx.can('office'))
    return h('section', { class: 'group', id: 'office-section' }, h('h2', {}, t('letters.office_title')), now,
      h('p', { class: 'muted small' }, t('letters.office_admin_only')));
  const name = h('input', { id: 'office-name', name: 'office', size: 60, maxlength: 200, value: office || '',
    'aria-describedby': 'office-current' });
  const form = h('form', { class: 'group', id: 'office-section' }, h('h2', {}, t('letters.office_title')),
    h('p', { class: 'muted small' }, t('letters.office_intro')), now,
    field(t('letters.office_label'), name, true), msg,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'office-save' }, t('letters.office_save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      const r = await post('/api/letters/office', { office: name.value.trim() });
      now.textContent = current(r.office);
      name.value = r.office || '';
      msg.append(notice('success', r.office ? t('letters.office_saved', { name: r.office }) : t('letters.office_removed')));
    } catch (err) {
      msg.append(notice('error', err.message));
      name.focus();
    }
  });
  return form;
}

async function templatesPage(ctx) {
  const kind = ctx.query.get('kind');
  const lang = ctx.query.get('lang');
  const list = await get('/api/letters/templates');
  const rows = table([t('letters.kind'), t('letters.lang'), t('letters.version'), t('letters.saved_by'), ''],
    list.templates.map((x) => [label('letter_kinds', x.kind), label('letter_languages', x.lang),
      x.custom ? String(x.version) : t('letters.default'), x.saved_by || '—',
      h('a', { href: `/letters/templates${query({ kind: x.kind, lang: x.lang })}`, id: `edit-${x.kind}-${x.lang}` }, t('letters.edit'))]),
  { class: 'templates', id: 'templates' });
  return h('section', { class: 'templates-page' }, h('h1', {}, t('letters.templates_title')),
    h('p', { class: 'muted' }, t('letters.templates_intro')),
    kind && lang && KINDS.includes(kind) && LANGS.includes(lang) ? await editor(ctx, kind, lang) : null, rows,
    await officeForm(ctx));
}

export async function render(ctx) {
  if (ctx.args.templates) return templatesPage(ctx);
  return printPage(ctx);
}
