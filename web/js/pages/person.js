// A person: the GCIII fields, the timeline of events, and the forms to
// change the record and to add an event (only those the lifecycle allows
// from the current status, and the asker's role may record).
import { get, post, patch } from '../api.js';
import { h, clear, notice } from '../dom.js';
import { t, label, message } from '../i18n.js';
import { personName } from './search.js';

const groups = [
  ['identity', ['surname', 'given_names', 'patronymic', 'surname_latin', 'given_names_latin',
    'patronymic_latin', 'sex', 'birth_date', 'birth_place']],
  ['home', ['home_address', 'home_locality', 'home_region', 'home_country']],
  ['particulars', ['mother_maiden_name']],
  ['next_of_kin', ['inform', 'inform_address', 'inform_locality', 'inform_region', 'inform_country']],
  ['service', ['rank', 'service_number', 'branch', 'unit', 'party', 'depends_on']],
  ['captivity', ['held_by', 'capture_date', 'capture_place', 'detention_place']],
  ['medical', ['medical']],
  ['consent', ['consent', 'consent_date']],
];
const DEATH_EVENTS = ['died_in_captivity', 'remains_returned'];

function value(def, v) {
  if (v === undefined || v === null) return h('span', { class: 'muted' }, t('app.unknown'));
  if (def.kind === 'note') return h('span', { class: 'lines' }, v); // address lines as written
  return def.kind === 'enum' ? label('values', v) : v;
}

function mayWrite(ctx, def) {
  return ctx.can(def.medical ? 'medical_write' : 'person_write');
}

function control(def, current, id) {
  // The tooltip from the catalogue by the field's name; the server's
  // English help only for a field the catalogue does not know.
  const help = label('field_help', def.name);
  const title = help !== def.name ? help : def.help;
  if (def.kind === 'enum') {
    return h('select', { id, name: def.name, title },
      h('option', { value: '' }, t('app.unknown')),
      def.values.map((v) => h('option', { value: v, selected: v === current }, label('values', v))));
  }
  if (def.kind === 'note') return h('textarea', { id, name: def.name, rows: 3, title }, current || '');
  const attrs = { id, name: def.name, value: current || '', title };
  if (def.kind === 'date') Object.assign(attrs, { placeholder: t('field_help.date_placeholder'), pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', inputmode: 'numeric' });
  if (def.kind === 'party') Object.assign(attrs, { placeholder: 'UA', pattern: '[A-Za-z]{2,3}', size: 4 });
  if (def.kind === 'country') Object.assign(attrs, { placeholder: 'UA', pattern: '[A-Za-z]{2}', size: 3, maxlength: 2 });
  return h('input', attrs);
}

function fieldDefs(fields) {
  return Object.fromEntries(fields.person.map((f) => [f.name, f]));
}

function viewFields(ctx, p, defs) {
  const sections = groups.map(([g, names]) => {
    if (g === 'medical' && !ctx.can('medical_read')) {
      return h('section', { class: 'group' }, h('h2', {}, t(`person.${g}`)), h('p', { class: 'muted' }, t('person.withheld')));
    }
    return h('section', { class: 'group' }, h('h2', {}, t(`person.${g}`)),
      h('dl', {}, names.map((n) => [h('dt', {}, t(`fields.${n}`)), h('dd', { dataset: { field: n } }, value(defs[n], p[n]))])));
  });
  const ext = Object.keys(p).filter((k) => k.startsWith('ext.'));
  sections.push(h('section', { class: 'group' }, h('h2', {}, t('person.identifiers')),
    h('dl', {}, h('dt', {}, t('person.id')), h('dd', { class: 'mono' }, p.id),
      ext.map((k) => [h('dt', {}, k.slice(4)), h('dd', { class: 'mono' }, p[k])]))));
  return h('div', { class: 'groups' }, sections);
}

// The form of the fields; on submit, only the changed ones go out.
function editForm(ctx, p, defs, onSaved, onCancel) {
  const msg = h('div', { class: 'messages' });
  const form = h('form', { class: 'edit', novalidate: true });
  for (const [g, names] of groups) {
    const writable = names.filter((n) => mayWrite(ctx, defs[n]) && (!defs[n].medical || ctx.can('medical_read') || !p));
    if (!writable.length) continue;
    form.append(h('fieldset', {}, h('legend', {}, t(`person.${g}`)),
      writable.map((n) => h('div', { class: 'field' },
        h('label', { for: `e-${n}` }, t(`fields.${n}`)), control(defs[n], p ? p[n] : null, `e-${n}`)))));
  }
  form.append(h('p', { class: 'muted small' }, t('person.clear_hint')), msg,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, p ? t('app.save') : t('person.create')),
      onCancel ? h('button', { type: 'button', onclick: onCancel }, t('app.cancel')) : null));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      const v = el.value.trim();
      const old = p ? p[el.name] ?? '' : '';
      if (v !== old) body[el.name] = v === '' ? null : v;
    }
    msg.replaceChildren();
    try {
      const saved = p ? await patch(`/api/persons/${p.id}`, body) : await post('/api/persons', body);
      onSaved(saved);
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.field) form.querySelector(`[name="${CSS.escape(err.field)}"]`)?.focus();
    }
  });
  return form;
}

// A note parley wrote (a stage's) by its code in the user's language; a
// note someone typed, or one stored before notes had codes, as written.
function noteText(e) {
  return (e.note_code && message(e.note_code, e.note_args)) || e.note;
}

function timeline(ctx, p) {
  if (!p.events.length) return h('p', { class: 'muted' }, t('person.no_events'));
  return h('ol', { class: 'timeline' }, p.events.map((e) => h('li', { class: `event ev-${e.type}`, dataset: { id: e.id } },
    h('div', { class: 'when' }, e.date),
    h('div', { class: 'what' },
      h('strong', {}, label('events', e.type)),
      h('span', { class: 'muted' }, ` · ${label('values', e.source)}`),
      e.status_before !== e.status_after
        ? h('div', { class: 'transition small' }, t('person.from_to', { from: label('statuses', e.status_before), to: label('statuses', e.status_after) }))
        : null,
      e.place ? h('div', {}, `${t('fields.place')}: ${e.place}`) : null,
      e.cause ? h('div', {}, `${t('fields.cause')}: ${e.cause}`) : null,
      e.burial_place ? h('div', {}, `${t('fields.burial_place')}: ${e.burial_place}`) : null,
      e.grave ? h('div', {}, `${t('fields.grave')}: ${e.grave}`) : null,
      e.note ? h('div', { class: 'note' }, noteText(e)) : null))));
}

function eventForm(ctx, p, fields, onAdded) {
  if (!p.allowed_events.length) return h('p', { class: 'muted' }, t('person.no_allowed'));
  const defs = Object.fromEntries(fields.event.map((f) => [f.name, f]));
  const msg = h('div', { class: 'messages' });
  const type = h('select', { id: 'ev-type', name: 'type', required: true },
    p.allowed_events.map((e) => h('option', { value: e }, label('events', e))));
  const today = new Date().toISOString().slice(0, 10);
  const death = h('div', { class: 'death' },
    ctx.can('medical_write') ? h('div', { class: 'field' }, h('label', { for: 'ev-cause' }, t('fields.cause')), control(defs.cause, '', 'ev-cause')) : null,
    h('div', { class: 'field' }, h('label', { for: 'ev-burial_place' }, t('fields.burial_place')), control(defs.burial_place, '', 'ev-burial_place')),
    h('div', { class: 'field' }, h('label', { for: 'ev-grave' }, t('fields.grave')), control(defs.grave, '', 'ev-grave')));
  const showDeath = () => { death.hidden = !DEATH_EVENTS.includes(type.value); };
  type.addEventListener('change', showDeath);
  showDeath();
  const sourceCtl = control(defs.source, 'own_records', 'ev-source');
  sourceCtl.required = true;
  sourceCtl.firstChild.remove(); // a source is required: no "unknown"
  const form = h('form', { class: 'add-event' },
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'ev-type' }, t('fields.type')), type),
      h('div', { class: 'field' }, h('label', { for: 'ev-date' }, t('fields.date')), control(defs.date, today, 'ev-date')),
      h('div', { class: 'field' }, h('label', { for: 'ev-source' }, t('fields.source')), sourceCtl)),
    h('div', { class: 'field' }, h('label', { for: 'ev-place' }, t('fields.place')), control(defs.place, '', 'ev-place')),
    h('div', { class: 'field' }, h('label', { for: 'ev-note' }, t('fields.note')), control(defs.note, '', 'ev-note')),
    death, msg,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'ev-submit' }, t('person.add_event'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = {};
    for (const el of form.elements) {
      if (!el.name || el.closest('[hidden]')) continue;
      if (el.value.trim()) body[el.name] = el.value.trim();
    }
    msg.replaceChildren();
    try {
      onAdded(await post(`/api/persons/${p.id}/events`, body));
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  });
  return form;
}

export async function render(ctx) {
  const fields = await ctx.loadFields();
  const defs = fieldDefs(fields);
  if (ctx.args.create) {
    return h('section', { class: 'person' }, h('h1', {}, t('person.new_title')),
      editForm(ctx, null, defs, (saved) => ctx.navigate(`/persons/${saved.id}`, true)));
  }
  const root = h('section', { class: 'person' });
  const show = (p, message) => {
    const n = personName(p);
    const body = h('div', { class: 'body' });
    const head = h('div', { class: 'head' },
      h('div', {}, h('h1', {}, n.main), n.second ? h('p', { class: 'latin' }, n.second) : null),
      h('div', { class: 'status-box' }, h('span', { class: 'muted small' }, t('person.status')),
        h('span', { class: `status s-${p.status}`, id: 'person-status' }, label('statuses', p.status))));
    const editing = () => {
      clear(body).append(editForm(ctx, p, defs, (saved) => show(saved, t('person.saved')), () => show(p)));
    };
    const canEdit = ctx.can('person_write') || ctx.can('medical_write');
    clear(root).append(...[head,
      p.pseudonymised_at ? notice('info', t('person.pseudonymised', { date: p.pseudonymised_at.slice(0, 10) })) : null,
      message ? notice('success', message) : null,
      canEdit ? h('div', { class: 'actions' }, h('button', { onclick: editing, id: 'edit' }, t('app.edit'))) : null,
      body].filter(Boolean));
    const record = h('div', { class: 'cols', id: 'tab-record-panel', role: 'tabpanel', 'aria-labelledby': 'tab-record' },
      viewFields(ctx, p, defs),
      h('div', { class: 'side' },
        h('section', { class: 'group' }, h('h2', {}, t('person.timeline')), timeline(ctx, p)),
        canEdit ? h('section', { class: 'group' }, h('h2', {}, t('person.add_event')),
          eventForm(ctx, p, fields, (saved) => show(saved, t('person.event_added')))) : null));
    if (!ctx.can('inquiry_read')) {
      body.append(record);
      return;
    }
    // The Family tab: the inquiries about this person, loaded when opened.
    const family = h('div', { id: 'tab-family-panel', role: 'tabpanel', 'aria-labelledby': 'tab-family', hidden: true });
    const tabs = h('div', { class: 'tabs', role: 'tablist' },
      h('button', { type: 'button', role: 'tab', id: 'tab-record', 'aria-selected': 'true', 'aria-controls': 'tab-record-panel' }, t('person.tab_record')),
      h('button', { type: 'button', role: 'tab', id: 'tab-family', 'aria-selected': 'false', 'aria-controls': 'tab-family-panel' }, t('person.tab_family')));
    tabs.addEventListener('click', async (e) => {
      const b = e.target.closest('[role=tab]');
      if (!b) return;
      const fam = b.id === 'tab-family';
      tabs.querySelectorAll('[role=tab]').forEach((x) => x.setAttribute('aria-selected', String(x === b)));
      record.hidden = fam;
      family.hidden = !fam;
      if (fam && !family.firstChild) {
        family.append(h('p', { class: 'loading' }, t('app.loading')));
        try {
          const { familyTab } = await import('./families.js');
          family.replaceChildren(await familyTab(ctx, p.id));
          const { personTasks } = await import('./tasks.js');
          const tasks = await personTasks(ctx, p.id);
          if (tasks) family.append(tasks);
        } catch (err) {
          family.replaceChildren(notice('error', err.message));
        }
      }
    });
    body.append(tabs, record, family);
  };
  show(await get(`/api/persons/${ctx.params[0]}`));
  return root;
}
