// The auditor's logs: changes (the hash chain) and reads of records,
// searched by a person's name or id, user, action and a time range given
// in local time; a page at a time (the server's "next"); the filtered
// result exported as CSV by the server, which audits the export.
import { get, query } from '../api.js';
import { h, notice, table as grid } from '../dom.js';
import { t, language, label } from '../i18n.js';

function summary(e) {
  const show = (o) => (o ? Object.entries(o).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ') : '');
  // An import writes a person's run of events as one entry: each event in turn.
  if (!e.before && e.after && Array.isArray(e.after.events)) return e.after.events.map(show).join(' | ');
  if (e.before && e.after) {
    const changed = Object.keys({ ...e.before, ...e.after })
      .filter((k) => JSON.stringify(e.before[k]) !== JSON.stringify(e.after[k]));
    return changed.map((k) => `${k}: ${e.before[k] ?? '∅'} → ${e.after[k] ?? '∅'}`).join('; ');
  }
  return show(e.after || e.before);
}

// The filters the page keeps in its address; `from` and `to` are local
// times (datetime-local), sent to the server as UTC.
const FILTERS = ['name', 'person', 'actor', 'action', 'from', 'to', 'limit'];

// "2026-12-06T11:30" in this browser's zone -> the UTC instant; `to` takes
// the whole minute it names.
export function localToUtc(value, end) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  if (end) d.setSeconds(59, 999);
  return d.toISOString();
}

// A UTC timestamp shown in the browser's local time, the UTC in its title.
export function when(ts) {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const text = new Intl.DateTimeFormat(language() === 'uk' ? 'uk-UA' : 'en-GB', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).format(d);
  return h('time', { datetime: ts, title: `${ts} (UTC)` }, text);
}

// The server's filter from the page's.
// A page of 50 unless the page asks for another size: long enough to
// scan, short enough for a phone.
const PAGE = 50;

function apiParams(params) {
  const { from, to, ...rest } = params;
  return { limit: PAGE, ...rest, since: localToUtc(from), until: localToUtc(to, true) };
}

function filters(ctx, kind) {
  const q = ctx.query;
  const input = (name, attrs) => h('input', { id: `l-${name}`, name, value: q.get(name) || '', ...attrs });
  const field = (name, label, attrs) => h('div', { class: 'field' }, h('label', { for: `l-${name}` }, label), input(name, attrs));
  const form = h('form', { class: 'filters', id: 'log-filters', onsubmit: (e) => {
    e.preventDefault();
    const params = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v.trim()));
    ctx.navigate(`/${kind}${query(params)}`);
  } },
  field('name', t('bothsides.log_name'), { size: 20, placeholder: t('bothsides.log_name_hint') }),
  field('person', t('bothsides.log_person_id'), { size: 12, class: 'mono' }),
  field('actor', t('logs.actor'), { size: 12 }),
  field('action', t('logs.action'), { size: 10 }),
  field('from', t('bothsides.log_from'), { type: 'datetime-local' }),
  field('to', t('bothsides.log_to'), { type: 'datetime-local' }),
  field('limit', t('bothsides.log_page'), { type: 'number', min: 1, max: 1000, placeholder: String(PAGE) }),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('logs.filter'))));
  return form;
}

function table(headers, rows, note) {
  if (!rows.length) return notice('info', note ? t('bothsides.log_no_name') : t('logs.none'));
  return grid(headers, rows, { class: 'log' });
}

// The person an entry names: the name, and the id as a link.
function personCell(id, name) {
  if (!id || !id.startsWith('P')) return h('span', { class: 'mono' }, id || '');
  return h('span', { class: 'person' }, name ? h('span', { class: 'person-name' }, name, ' ') : null,
    h('a', { href: `/persons/${id}`, class: 'mono' }, id));
}

// Next page and back to the first; the export of everything the filter takes.
function pager(ctx, kind, params, data) {
  const keep = Object.fromEntries(FILTERS.filter((k) => params[k]).map((k) => [k, params[k]]));
  const exportHref = `/api/${kind}/export${query(apiParams(keep))}`;
  return h('nav', { class: 'actions pager', 'aria-label': t('bothsides.log_pages') },
    params.before ? h('a', { href: `/${kind}${query(keep)}`, id: 'first-page', class: 'button' }, t('bothsides.log_first')) : null,
    data.next ? h('a', { href: `/${kind}${query({ ...keep, before: data.next })}`, id: 'next-page', class: 'button' },
      t('bothsides.log_next')) : null,
    h('a', { href: exportHref, id: 'export', class: 'button', download: '' }, t('bothsides.log_export')),
    h('span', { class: 'muted' }, t('bothsides.log_export_note')));
}

export async function render(ctx) {
  const kind = ctx.args.kind;
  const params = Object.fromEntries(ctx.query.entries());
  const data = await get(`/api/${kind}${query(apiParams(params))}`);
  const shown = t('bothsides.log_shown', { n: data.entries.length });
  if (kind === 'access') {
    return h('section', { class: 'logs' }, h('h1', {}, t('logs.access_title')), filters(ctx, kind),
      h('p', { class: 'muted', role: 'status', id: 'log-count' }, shown),
      table([t('logs.ts'), t('logs.actor'), t('logs.person'), t('logs.action'), t('logs.detail')],
        data.entries.map((e) => [when(e.ts), e.actor, personCell(e.person, e.person_name),
          h('span', { title: e.action }, label('access_actions', e.action)), e.detail || '']), data.note),
      pager(ctx, kind, params, data));
  }
  const verdict = h('div', { class: 'verdict' });
  const verify = h('button', { id: 'verify', onclick: async () => {
    verify.disabled = true;
    try {
      const v = await get('/api/audit/verify');
      verdict.replaceChildren(v.intact
        ? notice('success', t('logs.intact', { n: v.entries, head: v.head }))
        : notice('error', t('logs.broken', { msg: v.error })));
    } catch (e) {
      verdict.replaceChildren(notice('error', e.message));
    }
    verify.disabled = false;
  } }, t('logs.verify'));
  return h('section', { class: 'logs' }, h('h1', {}, t('logs.audit_title')),
    h('div', { class: 'actions' }, verify), verdict, filters(ctx, kind),
    h('p', { class: 'muted', role: 'status', id: 'log-count' }, shown),
    table([t('logs.seq'), t('logs.ts'), t('logs.actor'), t('logs.action'), t('logs.entity'), t('logs.change')],
      data.entries.map((e) => [String(e.seq), when(e.ts), e.actor, h('span', { title: e.action }, label('audit_actions', e.action)),
        e.entity === 'person' || (e.entity_id && e.entity_id.startsWith('P')) ? personCell(e.entity_id, e.person_name)
          : `${label('audit_entities', e.entity)} ${e.entity_id || ''}`,
        h('span', { class: 'change', translate: 'no' }, summary(e))]), data.note),
    pager(ctx, kind, params, data));
}
