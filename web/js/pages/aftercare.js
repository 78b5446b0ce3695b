// Aftercare: where those handed over are now, counted by step and listed;
// the office's own returnees first (serve --party), the other side's on
// request. Those who record events choose people (one by one, the page or
// the whole list) and record one step of the way home for all of them in
// one action: one request, all or nothing. The health steps (assistance,
// hospital, rehabilitation) and the Art. 117 flag come from the server
// only for the medical roles.
import { get, post, query } from '../api.js';
import { h, notice, table, field, announce } from '../dom.js';
import { t, label, number } from '../i18n.js';
import { bars } from '../charts.js';

const HEALTH = ['assistance', 'hospital', 'rehabilitation'];
const PAGE = 100;
const ALL_MAX = 1000; // the most one action records (the server's limit)

// The events a group may be given, by who may record them.
const GENERAL_EVENTS = ['arrived_transit', 'repatriated'];
const MEDICAL_EVENTS = ['assistance', 'hospital_admission', 'treatment'];

// Whose returnees: the API's party filter for the side chosen.
function sideParams(side, own) {
  if (!own || side === 'all') return {};
  return side === 'other' ? { other_than: own } : { party: own };
}

function filters(ctx, steps, own) {
  const q = ctx.query;
  const input = (name, attrs) => h('input', { id: `ac-${name}`, name, value: q.get(name) || '', ...attrs });
  const step = h('select', { id: 'ac-step', name: 'step' }, h('option', { value: '' }, t('search.any')),
    steps.map((s) => h('option', { value: s, selected: s === q.get('step') }, label('steps', s))));
  const side = own
    ? h('select', { id: 'ac-side', name: 'side' }, ['own', 'other', 'all'].map((v) =>
      h('option', { value: v, selected: v === (q.get('side') || 'own') }, t(`ux.ac_side_${v}`, { party: own }))))
    : input('party', { size: 4, placeholder: 'UA' });
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const params = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v.trim()));
    ctx.navigate(`/aftercare${query(params)}`);
  } },
  field(t('aftercare.agreement'), input('agreement', { size: 18 })),
  field(t('aftercare.stage'), input('stage', { size: 18, placeholder: 'S…' })),
  field(own ? t('ux.ac_side') : t('aftercare.party'), side),
  field(t('aftercare.step'), step),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))));
  return form;
}

// The form that records one step for everyone chosen.
function bulkForm(ctx, chosen, names, stage, onError) {
  const events = [...(ctx.can('person_write') ? GENERAL_EVENTS : []), ...(ctx.can('medical_write') ? MEDICAL_EVENTS : [])];
  const event = h('select', { id: 'ac-event', name: 'event' },
    events.map((e) => h('option', { value: e }, t(`ux.ac_event_${e}`))));
  const date = h('input', { id: 'ac-date', name: 'date', type: 'date', required: true,
    value: new Date().toISOString().slice(0, 10), max: new Date().toISOString().slice(0, 10) });
  const place = h('input', { id: 'ac-place', name: 'place', size: 20 });
  const note = h('input', { id: 'ac-note', name: 'note', size: 24 });
  const msg = h('div', { class: 'messages', id: 'ac-bulk-messages' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'ac-record' });
  const count = () => {
    button.textContent = t('ux.ac_record', { n: number(chosen.size) });
    button.disabled = chosen.size === 0;
  };
  const form = h('form', { class: 'group spaced bulk-aftercare', id: 'ac-bulk' },
    h('h2', {}, t('ux.ac_bulk_title')), h('p', { class: 'muted' }, t('ux.ac_bulk_intro')),
    h('div', { class: 'row' }, field(t('ux.ac_event'), event), field(t('ux.ac_date'), date),
      field(t('ux.ac_place'), place), field(t('ux.ac_note'), note, true)),
    msg, h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const persons = [...chosen];
    button.disabled = true;
    try {
      const r = await post('/api/aftercare/events', { event: event.value, date: date.value,
        place: place.value.trim() || undefined, note: note.value.trim() || undefined,
        stage: stage || undefined, persons });
      announce(t('ux.ac_recorded', { n: number(r.recorded), event: t(`ux.ac_event_${event.value}`), date: r.date }));
      await ctx.reload();
    } catch (err) {
      // The refusal names persons[i]: said with the person's name, and the
      // row marked; nothing was recorded for anyone.
      const m = /^persons\[(\d+)\]$/.exec(err.field || '');
      const who = m ? persons[Number(m[1])] : null;
      msg.append(notice('error', who ? t('ux.ac_refused_person', { name: names.get(who) || who, message: err.message })
        : t('ux.ac_refused', { message: err.message })));
      onError(who);
      count();
    }
  });
  count();
  return { form, count };
}

export async function render(ctx) {
  const fields = await ctx.loadFields();
  const q = ctx.query;
  const medical = ctx.can('medical_read');
  const own = ctx.me && ctx.me.office_party;
  const records = ctx.can('person_write') || ctx.can('medical_write');
  const steps = fields.aftercare_steps.filter((s) => medical || !HEALTH.includes(s));
  const offset = Math.max(0, Number(q.get('offset') || 0));
  const side = q.get('side') || 'own';
  const params = { agreement: q.get('agreement'), stage: q.get('stage'), step: q.get('step'),
    ...(own ? sideParams(side, own) : { party: q.get('party') }) };
  const v = await get(`/api/aftercare${query({ ...params, limit: PAGE, offset: offset || null })}`);
  const link = (o) => `/aftercare${query({ agreement: q.get('agreement'), stage: q.get('stage'), step: q.get('step'),
    side: own ? q.get('side') : null, party: own ? null : q.get('party'), offset: o || null })}`;

  // Who is chosen: ids, kept while the page stays; names for messages.
  const chosen = new Set();
  const names = new Map(v.persons.map((p) => [p.id, p.name || p.id]));
  const boxes = new Map();
  let bulk = null;
  const status = h('span', { class: 'muted', id: 'ac-chosen', 'aria-live': 'polite' });
  const sync = () => {
    for (const [id, box] of boxes) box.checked = chosen.has(id);
    all.checked = v.persons.length > 0 && v.persons.every((p) => chosen.has(p.id));
    all.indeterminate = !all.checked && v.persons.some((p) => chosen.has(p.id));
    status.textContent = t('ux.ac_chosen', { n: number(chosen.size) });
    if (bulk) bulk.count();
  };
  const all = h('input', { type: 'checkbox', id: 'ac-all', 'aria-label': t('ux.ac_select_page'), onchange: () => {
    for (const p of v.persons) if (all.checked) chosen.add(p.id); else chosen.delete(p.id);
    sync();
  } });
  // Everyone the filter selects, past this page: their ids, up to the
  // most one action takes (said when there are more).
  const wholeList = v.total > v.persons.length ? h('button', { type: 'button', id: 'ac-select-all', onclick: async () => {
    const every = await get(`/api/aftercare${query({ ...params, limit: ALL_MAX })}`);
    for (const p of every.persons) { chosen.add(p.id); names.set(p.id, p.name || p.id); }
    if (every.total > every.persons.length) announce(t('ux.ac_too_many', { n: number(every.persons.length), total: number(every.total) }), 'info');
    sync();
  } }, t('ux.ac_select_list', { n: number(Math.min(v.total, ALL_MAX)) })) : null;
  const clearButton = h('button', { type: 'button', id: 'ac-select-none', onclick: () => { chosen.clear(); sync(); } },
    t('ux.ac_select_none'));

  const rows = v.persons.map((p) => {
    const box = h('input', { type: 'checkbox', class: 'ac-pick', value: p.id, 'aria-label': t('ux.ac_select_one', { name: p.name || p.id }),
      onchange: () => { if (box.checked) chosen.add(p.id); else chosen.delete(p.id); sync(); } });
    boxes.set(p.id, box);
    return [
      ...(records ? [box] : []),
      ctx.can('person_read') ? h('a', { href: `/persons/${p.id}` }, p.name || p.id) : p.name || p.id,
      p.party || '—',
      ctx.can('stage_read') ? h('a', { href: `/stages/${p.stage}`, class: 'mono' }, p.stage) : h('span', { class: 'mono' }, p.stage),
      h('span', { class: `status step-${p.step}` }, label('steps', p.step)), p.since || '—',
      ...(medical ? [p.art117 ? h('strong', { class: 'art117' }, t('aftercare.art117_short')) : ''] : [])];
  });
  const markRow = (id) => {
    for (const tr of document.querySelectorAll('.aftercare-table tbody tr')) tr.classList.toggle('refused', tr.dataset.person === id);
  };
  if (records) bulk = bulkForm(ctx, chosen, names, q.get('stage'), markRow);
  const headers = [...(records ? [all] : []), t('aftercare.person'), t('aftercare.party'), t('aftercare.stage'),
    t('aftercare.step'), t('aftercare.since'), ...(medical ? [t('aftercare.art117_short')] : [])];
  const list = rows.length
    ? table(headers, rows, { class: 'aftercare-table' }, (i) => ({ dataset: { person: v.persons[i].id } }))
    : notice('info', t('aftercare.none'));
  sync();
  return h('section', { class: 'aftercare' }, h('h1', {}, t('aftercare.title')),
    h('p', { class: 'muted' }, t(medical ? 'aftercare.intro_medical' : 'aftercare.intro')),
    own ? null : h('p', { class: 'notice info', id: 'ac-no-party' }, t('ux.ac_no_party')),
    filters(ctx, steps, own),
    h('div', { class: 'tiles spaced' },
      h('div', { class: 'tile' }, h('span', { class: 'n', id: 'ac-total' }, number(v.total)), h('span', {}, t('aftercare.total'))),
      medical ? h('div', { class: 'tile' }, h('span', { class: 'n', id: 'ac-art117' }, number(v.art117)),
        h('span', {}, t('aftercare.art117'))) : null),
    h('div', { class: 'charts' },
      bars(t('aftercare.by_step'), Object.entries(v.steps).map(([s, n]) => ({ label: label('steps', s), count: n })))),
    h('h2', { class: 'spaced' }, t('aftercare.list')),
    records && rows.length ? h('div', { class: 'actions select-bar' }, status, wholeList, clearButton) : null,
    list,
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      offset > 0 ? h('a', { href: link(Math.max(0, offset - PAGE)), rel: 'prev' }, t('search.prev')) : h('span'),
      h('span', {}, v.total ? t('search.page', { from: number(offset + 1), to: number(offset + v.persons.length), total: number(v.total) }) : ''),
      offset + v.persons.length < v.total ? h('a', { href: link(offset + PAGE), rel: 'next' }, t('search.next')) : h('span')),
    records && rows.length ? bulk.form : null);
}
