// The family liaison's tasks (docs/families.md, "The watch"): open first,
// by person, each with its evidence in the reader's language, whether the
// family may be contacted, and a form to close it with how and when the
// family was told, or to dismiss it; and the tasks on a person's Family tab.
import { get, post, query } from '../api.js';
import { h, notice, table, field, announce } from '../dom.js';
import { t, label, message, number } from '../i18n.js';
import { personName } from './search.js';

const PAGE = 50;
const HOW = ['phone', 'letter', 'in_person'];

function evidence(k) {
  return message(k.evidence_code, k.evidence_args) || k.evidence;
}

function statusBadge(s) {
  return h('span', { class: `status task-${s}` }, label('task_statuses', s));
}

function who(p) {
  const n = personName(p);
  return [n.main, p.birth_date ? ` · ${p.birth_date}` : ''].join('');
}

// The form that closes one task: how, when, what was said; or dismiss.
function closeForm(ctx, k) {
  const msg = h('div', {});
  const how = h('select', { name: 'how', id: `how-${k.id}` },
    HOW.map((v) => h('option', { value: v }, label('told_how', v))));
  const date = h('input', { name: 'date', id: `date-${k.id}`, placeholder: 'YYYY-MM-DD', size: 10 });
  const note = h('input', { name: 'note', id: `note-${k.id}`, size: 40 });
  const send = async (path, body) => {
    msg.replaceChildren();
    try {
      await post(`/api/tasks/${k.id}/${path}`, body);
      announce(t(path === 'done' ? 'tasks.closed' : 'tasks.dismissed_done'));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.field === 'note' || err.field === 'reason') note.focus();
    }
  };
  return h('form', { class: 'task-close', 'data-task': k.id, onsubmit: (e) => {
    e.preventDefault();
    send('done', { how: how.value, date: date.value.trim() || undefined, note: note.value.trim() });
  } },
  k.may_contact ? [field(t('tasks.how'), how), field(t('tasks.date'), date)] : null,
  field(k.may_contact ? t('tasks.note') : t('tasks.reason'), note, true), msg,
  h('div', { class: 'actions' },
    k.may_contact ? h('button', { type: 'submit', class: 'primary', id: `done-${k.id}` }, t('tasks.close_with_note')) : null,
    h('button', { type: 'button', id: `dismiss-${k.id}`, onclick: () => send('dismiss', { reason: note.value.trim() }) },
      t('tasks.dismiss'))));
}

function closedText(k) {
  if (k.status === 'done') return t('tasks.told', { how: label('told_how', k.told_how), date: k.told_on, note: k.note });
  if (k.status === 'dismissed') return t('tasks.dismissed_why', { reason: k.note });
  return null;
}

export function tasksTable(ctx, rows, withPerson = true) {
  if (!rows.length) return notice('info', t('tasks.none'));
  const head = [t('tasks.status')].concat(withPerson ? [t('tasks.person')] : [],
    [t('tasks.kind'), t('tasks.evidence'), t('tasks.assignee'), t('tasks.what_next')]);
  return table(head, rows.map((k) => [statusBadge(k.status)].concat(
    withPerson ? [h('a', { href: `/persons/${k.person.id}` }, who(k.person))] : [],
    [label('task_kinds', k.kind),
      h('div', {}, h('p', { class: 'evidence' }, evidence(k)),
        k.may_contact ? null : h('p', { class: 'notice warning no-contact' }, t('tasks.no_contact')),
        h('p', { class: 'muted small' }, h('a', { href: `/inquiries/${k.inquiry}`, class: 'mono' }, k.inquiry), ' · ',
          k.created_at ? k.created_at.slice(0, 10) : '')),
      k.assignee || '—',
      k.status === 'open' && ctx.can('inquiry_write') ? closeForm(ctx, k) : closedText(k)])),
  { class: 'tasks', id: 'tasks' }, (i) => ({ 'data-task': rows[i].id, 'data-status': rows[i].status }));
}

export async function personTasks(ctx, personId) {
  if (!ctx.can('inquiry_contacts')) return null;
  const page = await get(`/api/tasks${query({ person: personId, limit: PAGE })}`);
  return h('div', { class: 'person-tasks', id: 'person-tasks' }, h('h3', {}, t('tasks.title')),
    tasksTable(ctx, page.tasks, false));
}

export async function render(ctx) {
  const q = ctx.query;
  const status = q.get('status') === null ? 'open' : q.get('status');
  const pick = h('select', { id: 'task-status', name: 'status' },
    h('option', { value: '', selected: !status }, t('search.any')),
    ['open', 'done', 'dismissed'].map((s) => h('option', { value: s, selected: s === status }, label('task_statuses', s))));
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    ctx.navigate(`/tasks${query({ status: pick.value })}`);
  } }, field(t('tasks.status'), pick),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))));
  const offset = Math.max(0, Number(q.get('offset') || 0));
  const page = await get(`/api/tasks${query({ status: status || null, limit: PAGE, offset: offset || null })}`);
  return h('section', { class: 'tasks-page' }, h('h1', {}, t('tasks.title')),
    h('p', { class: 'muted' }, t('tasks.intro')), form,
    h('p', { class: 'summary' }, h('strong', { id: 'tasks-count' }, t('tasks.count', { n: number(page.total), c: page.total }))),
    tasksTable(ctx, page.tasks));
}
