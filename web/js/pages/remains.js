// Remains: the cases with filters and paging, and one case with its chain
// of custody, fragments and the same person in other cases; the forms of
// the identification officer (identify, withdraw, return, custody,
// fragment). Cases are addressed by their id: a tag may hold any text.
import { get, post, query } from '../api.js';
import { h, clear, notice, table, pairs, field, dialog, announce } from '../dom.js';
import { t, label, number } from '../i18n.js';

const PAGE = 50;

export function statusBadge(s) {
  return h('span', { class: `status rs-${s}` }, label('remains_statuses', s));
}

function personLink(ctx, id) {
  if (!id) return '—';
  return ctx.can('person_read') ? h('a', { href: `/persons/${id}`, class: 'mono' }, id) : h('span', { class: 'mono' }, id);
}

export function casesTable(ctx, cases) {
  if (!cases.length) return notice('info', t('remains.none'));
  return table([t('remains.tag'), t('remains.batch'), t('remains.condition'), t('remains.status'), t('remains.person'),
    t('remains.recovered'), t('remains.place')],
  cases.map((c) => [h('a', { href: `/remains/${c.id}`, class: 'case-link' }, c.tag), c.batch || '—',
    c.condition ? label('conditions', c.condition) : '—', statusBadge(c.status), personLink(ctx, c.person),
    c.recovery_date || '—', c.recovery_place || '—']), { class: 'cases', id: 'cases' });
}

export function pager(base, params, offset, shown, total) {
  const link = (o) => `${base}${query({ ...params, offset: o || null })}`;
  return h('nav', { class: 'pager', 'aria-label': 'pages' },
    offset > 0 ? h('a', { href: link(Math.max(0, offset - PAGE)), rel: 'prev' }, t('search.prev')) : h('span'),
    h('span', {}, total ? t('search.page', { from: number(offset + 1), to: number(offset + shown), total: number(total) }) : ''),
    offset + shown < total ? h('a', { href: link(offset + PAGE), rel: 'next' }, t('search.next')) : h('span'));
}

function subnav(ctx) {
  return h('p', { class: 'subnav' }, h('a', { href: '/remains' }, t('remains.cases')), ' · ',
    h('a', { href: '/remains/batches', id: 'batches-link' }, t('remains.batches')),
    ctx.can('remains_write') ? [' · ', h('a', { href: '/remains/import', id: 'remains-import-link' }, t('remains.import'))] : null);
}

async function list(ctx) {
  const fields = await ctx.loadFields();
  const values = (n) => fields.remains.find((f) => f.name === n).values;
  const q = ctx.query;
  const sel = (name, vals, kind) => h('select', { id: `rm-${name}`, name }, h('option', { value: '' }, t('search.any')),
    vals.map((v) => h('option', { value: v, selected: v === q.get(name) }, label(kind, v))));
  const input = (name, attrs) => h('input', { id: `rm-${name}`, name, value: q.get(name) || '', ...attrs });
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const params = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v.trim()));
    ctx.navigate(`/remains${query(params)}`);
  } },
  field(t('remains.tag'), input('tag', { size: 18 })), field(t('remains.batch'), input('batch', { size: 18 })),
  field(t('remains.status'), sel('status', [...new Set(values('status').concat(['returned']))], 'remains_statuses')),
  field(t('remains.condition'), sel('condition', values('condition').concat(['unknown']), 'conditions')),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit')),
    h('a', { href: '/remains', class: 'button' }, t('search.clear'))));
  const offset = Math.max(0, Number(q.get('offset') || 0));
  const params = Object.fromEntries(['tag', 'batch', 'status', 'condition'].map((k) => [k, q.get(k)]));
  const page = await get(`/api/remains${query({ ...params, limit: PAGE, offset: offset || null })}`);
  return h('section', { class: 'remains' }, h('h1', {}, t('remains.title')), subnav(ctx), form,
    h('p', { class: 'summary' }, h('strong', { id: 'cases-count' }, t('remains.count', { n: number(page.total) }))),
    casesTable(ctx, page.cases), pager('/remains', params, offset, page.cases.length, page.total));
}

// ---- one case --------------------------------------------------------------

// A small form posting `build()` to the case's `what`, then saying so and
// reloading; with `confirm` ({title, text}, or a function giving it or
// null, as the form is filled), only after a dialog.
function actionForm(ctx, c, id, title, what, controls, build, danger, confirm) {
  const msg = h('div', {});
  const form = h('form', { class: 'group case-action', id },
    h('h3', {}, title), controls.length ? h('div', { class: 'row' }, controls) : null, msg,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, title)));
  const send = async () => {
    await post(`/api/remains/${c.id}/${what}`, build());
    announce(t('ux.case_done', { tag: c.tag, what: title }));
    await ctx.reload();
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const ask = typeof confirm === 'function' ? confirm() : confirm;
    if (ask) {
      dialog({ id: `${id}-dialog`, title: ask.title, text: ask.text, ok: title, danger: true, run: send });
      return;
    }
    try {
      await send();
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.field) form.querySelector(`[name="${CSS.escape(err.field)}"]`)?.focus();
    }
  });
  return form;
}

function forms(ctx, c) {
  const inp = (id, name, attrs) => h('input', { id, name, ...(attrs || {}) });
  const out = [];
  const open = c.status === 'unidentified' || c.status === 'preliminary';
  if (open) {
    const person = inp('id-person', 'person', { size: 20, placeholder: 'P…', value: c.person || '', required: true });
    const confirm = h('input', { type: 'checkbox', id: 'id-confirm', name: 'confirm' });
    out.push(actionForm(ctx, c, 'identify-form', t('remains.identify'), 'identify',
      [field(t('remains.person'), person), h('label', { class: 'check', for: 'id-confirm' }, confirm, ` ${t('remains.confirm')}`)],
      () => ({ person: person.value.trim(), confirm: confirm.checked }), false,
      // Confirmed is final (no withdrawal): said first; preliminary is not.
      () => (confirm.checked ? { title: t('more_dialogs.identify_title', { tag: c.tag, person: person.value.trim() }),
        text: t('more_dialogs.identify_text') } : null)));
  }
  if (c.status === 'preliminary') {
    out.push(actionForm(ctx, c, 'withdraw-form', t('remains.withdraw'), 'withdraw', [], () => undefined, true,
      { title: t('ux.withdraw_title', { tag: c.tag }), text: t('ux.withdraw_text', { tag: c.tag }) }));
  }
  if (c.status !== 'returned') {
    const holder = inp('cu-holder', 'holder', { size: 24, required: true });
    const since = inp('cu-since', 'since', { size: 11, placeholder: 'YYYY-MM-DD', required: true });
    const note = inp('cu-note', 'note', { size: 20 });
    out.push(actionForm(ctx, c, 'custody-form', t('remains.add_custody'), 'custody',
      [field(t('remains.holder'), holder), field(t('remains.since'), since), field(t('remains.note'), note)],
      () => ({ holder: holder.value.trim(), since: since.value.trim(), note: note.value.trim() || undefined })));
    const label_ = inp('fr-label', 'label', { size: 10, required: true });
    const person = inp('fr-person', 'person', { size: 20, placeholder: 'P…' });
    const desc = inp('fr-description', 'description', { size: 20 });
    out.push(actionForm(ctx, c, 'fragment-form', t('remains.add_fragment'), 'fragments',
      [field(t('remains.label'), label_), field(t('remains.person'), person), field(t('remains.description'), desc)],
      () => ({ label: label_.value.trim(), person: person.value.trim() || undefined, description: desc.value.trim() || undefined })));
  }
  if (open) {
    const to = inp('rt-to', 'to', { size: 4, placeholder: 'RU', required: true });
    const date = inp('rt-date', 'date', { size: 11, placeholder: 'YYYY-MM-DD', required: true });
    const note = inp('rt-note', 'note', { size: 24 });
    out.push(actionForm(ctx, c, 'return-form', t('remains.return'), 'return',
      [field(t('remains.to'), to), field(t('remains.date'), date), field(t('remains.why_returned'), note)],
      () => ({ to: to.value.trim(), date: date.value.trim(), note: note.value.trim() || undefined }), true,
      { title: t('ux.return_title', { tag: c.tag }), text: t('ux.return_text', { tag: c.tag }) }));
  }
  return out.length ? h('div', { class: 'case-forms' }, out) : null;
}

async function one(ctx) {
  const c = await get(`/api/remains/${ctx.params[0]}`);
  const { postmortemSection } = await import('./antemortem.js');
  const pm = await postmortemSection(ctx, c);
  return h('section', { class: 'remains-case' }, subnav(ctx),
    h('div', { class: 'head' }, h('div', {}, h('h1', {}, c.tag), h('p', { class: 'muted mono' }, c.id)),
      h('div', { class: 'status-box' }, h('span', { class: 'muted small' }, t('remains.status')),
        h('span', { id: 'case-status' }, statusBadge(c.status)))),
    h('div', { class: 'cols' },
      h('section', { class: 'group' }, h('h2', {}, t('remains.case')),
        pairs([[t('remains.batch'), c.batch], [t('remains.person'), c.person ? personLink(ctx, c.person) : null],
          [t('remains.condition'), c.condition ? label('conditions', c.condition) : null],
          [t('remains.recovered'), c.recovery_date], [t('remains.place'), c.recovery_place], [t('remains.note'), c.note],
          [t('remains.recorded'), c.created_at], [t('remains.changed'), c.updated_at]])),
      h('section', { class: 'group' }, h('h2', {}, t('remains.custody')),
        c.custody.length ? h('ol', { class: 'timeline custody', id: 'custody' }, c.custody.map((e) => h('li', {},
          h('div', { class: 'when' }, e.since), h('div', {}, h('strong', {}, e.holder), e.note ? h('div', { class: 'note' }, e.note) : null,
            h('div', { class: 'muted small' }, t('remains.recorded_by', { who: e.actor, when: e.recorded_at }))))))
          : h('p', { class: 'muted' }, t('remains.no_custody')))),
    h('h2', { class: 'spaced' }, t('remains.fragments')),
    c.fragments.length ? table([t('remains.label'), t('remains.person'), t('remains.description')],
      c.fragments.map((f) => [f.label, personLink(ctx, f.person), f.description || '']), { class: 'fragments' })
      : h('p', { class: 'muted' }, t('remains.no_fragments')),
    c.related.length ? [h('h2', { class: 'spaced' }, t('remains.related')),
      table([t('remains.person'), t('remains.tag'), t('remains.batch'), t('remains.status'), t('remains.as')],
        c.related.map((o) => [personLink(ctx, o.person), o.tag, o.batch || '—', statusBadge(o.status),
          o.fragment ? t('remains.as_fragment') : t('remains.as_case')]))] : null,
    pm,
    ctx.can('remains_write') ? [h('h2', { class: 'spaced' }, t('remains.work')), forms(ctx, c)] : null);
}

export async function render(ctx) {
  return ctx.params.length ? one(ctx) : list(ctx);
}
