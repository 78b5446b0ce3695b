// The auditor's logs: changes (the hash chain) and reads of records.
import { get, query } from '../api.js';
import { h, notice, table as grid } from '../dom.js';
import { t, label } from '../i18n.js';

function summary(e) {
  const show = (o) => (o ? Object.entries(o).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ') : '');
  if (e.before && e.after) {
    const changed = Object.keys({ ...e.before, ...e.after })
      .filter((k) => JSON.stringify(e.before[k]) !== JSON.stringify(e.after[k]));
    return changed.map((k) => `${k}: ${e.before[k] ?? '∅'} → ${e.after[k] ?? '∅'}`).join('; ');
  }
  return show(e.after || e.before);
}

function filters(ctx, kind) {
  const q = ctx.query;
  const input = (name, attrs) => h('input', { id: `l-${name}`, name, value: q.get(name) || '', ...attrs });
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const params = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v.trim()));
    ctx.navigate(`/${kind}${query(params)}`);
  } },
  h('div', { class: 'field' }, h('label', { for: 'l-person' }, t('logs.person')), input('person', { size: 20 })),
  h('div', { class: 'field' }, h('label', { for: 'l-actor' }, t('logs.actor')), input('actor', { size: 14 })),
  h('div', { class: 'field' }, h('label', { for: 'l-since' }, t('logs.since')), input('since', { type: 'date' })),
  h('div', { class: 'field' }, h('label', { for: 'l-limit' }, t('logs.limit')), input('limit', { type: 'number', min: 1, max: 100000, placeholder: '100' })),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('logs.filter'))));
  return form;
}

function table(headers, rows) {
  if (!rows.length) return notice('info', t('logs.none'));
  return grid(headers, rows, { class: 'log' });
}

export async function render(ctx) {
  const kind = ctx.args.kind;
  const params = Object.fromEntries(ctx.query.entries());
  const data = await get(`/api/${kind}${query(params)}`);
  const personLink = (id) => (id && id.startsWith('P') ? h('a', { href: `/persons/${id}`, class: 'mono' }, id) : h('span', { class: 'mono' }, id || ''));
  if (kind === 'access') {
    return h('section', { class: 'logs' }, h('h1', {}, t('logs.access_title')), filters(ctx, kind),
      table([t('logs.ts'), t('logs.actor'), t('logs.person'), t('logs.action'), t('logs.detail')],
        data.entries.map((e) => [e.ts, e.actor, personLink(e.person), h('span', { title: e.action }, label('access_actions', e.action)), e.detail || ''])));
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
    table([t('logs.seq'), t('logs.ts'), t('logs.actor'), t('logs.action'), t('logs.entity'), t('logs.change')],
      data.entries.map((e) => [String(e.seq), e.ts, e.actor, h('span', { title: e.action }, label('audit_actions', e.action)),
        e.entity === 'person' ? personLink(e.entity_id) : `${label('audit_entities', e.entity)} ${e.entity_id || ''}`,
        h('span', { class: 'change', translate: 'no' }, summary(e))])));
}
