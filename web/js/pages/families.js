// Families: the inquiry intake as one fills it during a phone call (the
// person found as one types, the engine's likely match, consent per
// purpose with its form and date), the inquiries and a backlog file of
// them imported (all or nothing, each problem at its line and column), one
// inquiry with its consent history and its DNA samples, and the Family tab
// of a person's page (docs/families.md).
import { get, post, query } from '../api.js';
import { h, clear, notice, table, field, announce } from '../dom.js';
import { t, label, number } from '../i18n.js';
import { personLine, personFinder } from './search.js';
import { csvImportForm } from './import.js';

const PURPOSES = ['tracing', 'dna_reference', 'share_icrc', 'share_other_party', 'court'];
const FORMS = ['written', 'oral', 'online'];
const RELATIONS = ['mother', 'father', 'spouse', 'partner', 'child', 'sibling', 'grandparent', 'grandchild',
  'other_relative', 'other'];
const LANGS = ['uk', 'en', 'ru'];
const PAGE = 50;

const today = () => new Date().toISOString().slice(0, 10);

// What the last change of an inquiry's DNA consent did to its samples (the
// answer's dna), shown once on the page drawn again after it.
let dnaSaid = null;

const sampleList = (text) => text.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);

function dnaChange(said) {
  const d = said.dna;
  const pair = (p, code) => h('li', {}, t(code, { case: p.case, person: p.person,
    status: label('dna_statuses', p.fallen_from || p.status) }));
  if (!said.withheld)
    return h('div', { class: 'notice', id: 'dna-change' }, t('families.dna_released', { samples: d.samples.join(', ') }));
  return h('div', { class: 'notice warn', id: 'dna-change' },
    h('p', {}, t('families.dna_withheld', { samples: d.samples.join(', ') })),
    d.fallen.length ? [h('p', {}, t('families.dna_fallen_head')),
      h('ul', { id: 'dna-fallen' }, d.fallen.map((p) => pair(p, 'families.dna_fallen_row')))]
      : h('p', { id: 'dna-none-fell' }, t('families.dna_none_fell')),
    d.resting.length ? [h('p', {}, t('families.dna_resting_head')),
      h('ul', { id: 'dna-resting' }, d.resting.map((p) => pair(p, 'families.dna_resting_row'))),
      h('p', {}, t('families.dna_resting_todo'))] : null);
}

function select(id, name, values, kind, current, unknown = true) {
  return h('select', { id, name },
    unknown ? h('option', { value: '' }, t('app.unknown')) : null,
    values.map((v) => h('option', { value: v, selected: v === current }, label(kind, v))));
}

function input(id, name, attrs) {
  return h('input', { id, name, ...(attrs || {}) });
}

function statusBadge(s) {
  return h('span', { class: `status iq-${s}` }, label('inquiry_statuses', s));
}

function soughtName(s) {
  return s ? personLine(s) : '—';
}

function consentsText(list) {
  return list.length ? list.map((p) => label('purposes', p)).join(', ') : t('families.no_consent');
}

function subnav(ctx) {
  return h('p', { class: 'subnav' }, h('a', { href: '/inquiries' }, t('families.list')),
    ctx.can('inquiry_write') ? [' · ', h('a', { href: '/inquiries/new', id: 'new-inquiry-link' }, t('families.new'))] : null,
    ctx.can('inquiry_contacts') ? [' · ', h('a', { href: '/letters/templates', id: 'letter-templates-link' }, t('letters.templates'))] : null);
}

export function inquiriesTable(ctx, rows, withPerson = true) {
  if (!rows.length) return notice('info', t('families.none'));
  const head = [t('families.id'), t('families.status'), t('families.received')]
    .concat(withPerson ? [t('families.sought')] : [], [t('families.inquirer'), t('families.consents')]);
  return table(head, rows.map((q) => [h('a', { href: `/inquiries/${q.id}`, class: 'mono inquiry-link' }, q.id),
    statusBadge(q.status), q.received || '—'].concat(
    withPerson ? [q.sought ? h('a', { href: `/persons/${q.sought.id}` }, soughtName(q.sought)) : '—'] : [],
    [q.inquirer || q.organisation || '—', consentsText(q.consents_in_force)])), { class: 'inquiries', id: 'inquiries' });
}

// ---- the list ------------------------------------------------------------------

async function list(ctx) {
  const q = ctx.query;
  const status = select('iq-status', 'status', ['open', 'answered', 'closed'], 'inquiry_statuses', q.get('status'), false);
  status.prepend(h('option', { value: '', selected: !q.get('status') }, t('search.any')));
  const form = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    ctx.navigate(`/inquiries${query({ status: status.value || null })}`);
  } }, field(t('families.status'), status),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))));
  const offset = Math.max(0, Number(q.get('offset') || 0));
  const shown = h('div', { id: 'inquiries-list' });
  // The page's rows, again after an import added some.
  const fill = async () => {
    const page = await get(`/api/inquiries${query({ status: q.get('status'), limit: PAGE, offset: offset || null })}`);
    shown.replaceChildren(
      h('p', { class: 'summary' }, h('strong', { id: 'inquiries-count' }, t('families.count', { n: number(page.total), c: page.total }))),
      inquiriesTable(ctx, page.inquiries));
  };
  await fill();
  return h('section', { class: 'inquiries-page' }, h('h1', {}, t('families.title')), subnav(ctx), form,
    shown, ctx.can('inquiry_write') ? importForm(fill) : null);
}

// ---- a backlog file of inquiries ------------------------------------------------

// What an import did: the counts, then each row of the file with a link to
// its inquiry and its person (a new one with their "reported missing" event).
function imported(r) {
  const keys = ['rows', 'created', 'skipped', 'persons_created', 'linked_by_match'];
  const how = (x) => (x.skipped ? t('families.import_was_there')
    : x.linked === 'match' ? t('families.import_linked_match', { p: Math.round((x.link_prob || 0) * 100) })
      : x.person_created ? t('families.import_linked_new') : t('families.import_linked_given'));
  return h('div', { id: 'iq-import-done' },
    notice('success', t(r.created ? 'families.import_done' : 'families.import_nothing_new')),
    h('dl', { class: 'report', id: 'iq-import-report' },
      keys.map((k) => [h('dt', {}, t(`families.import_${k}`)), h('dd', { 'data-key': k }, number(r[k]))])),
    table([t('families.import_line'), t('families.ref'), t('families.id'), t('families.sought'), t('families.import_how')],
      r.inquiries.map((x) => [number(x.line), x.ref || '—', h('a', { href: `/inquiries/${x.id}`, class: 'mono' }, x.id),
        x.person ? h('a', { href: `/persons/${x.person}`, class: 'mono' }, x.person) : '—', how(x)]),
      { id: 'iq-import-list' }, (i) => ({ 'data-ref': r.inquiries[i].ref || '', 'data-skipped': String(r.inquiries[i].skipped) })));
}

// The file's columns (docs/families.md, "The fields"; src/family/import.c).
const IMPORT_COLUMNS = ['ref', 'person', 'surname', 'given_names', 'patronymic', 'birth_date', 'sex', 'party', 'inquirer',
  'organisation', 'relation', 'phone', 'email', 'address', 'language', 'received', 'last_seen_date', 'last_seen_place',
  'unit', 'circumstances', 'note'].concat(PURPOSES.map((p) => `consent_${p}`), ['dna_samples']);

const importForm = (after) => csvImportForm('iq', '/api/inquiries/import', IMPORT_COLUMNS,
  (k) => t(`families.import_${k}`), imported, after);

// ---- the intake ------------------------------------------------------------------

// The sought person: chosen from the registry (search as one types, or the
// engine's likely match), or a new one.
function personPicker(ctx, chosen) {
  const box = h('div', { class: 'picker', id: 'iq-picker' });
  const showChosen = () => {
    box.replaceChildren();
    if (chosen.person) {
      box.append(h('p', { class: 'notice success', id: 'iq-chosen' }, t('families.chosen', { name: chosen.name, id: chosen.person }), ' ',
        h('button', { type: 'button', class: 'link-like', id: 'iq-unchoose', onclick: () => { chosen.person = null; chosen.newPerson = false; showChosen(); } }, t('families.unchoose'))));
    } else if (chosen.newPerson) {
      box.append(h('p', { class: 'notice info', id: 'iq-new-chosen' }, t('families.new_chosen'), ' ',
        h('button', { type: 'button', class: 'link-like', onclick: () => { chosen.newPerson = false; showChosen(); } }, t('families.unchoose'))));
    }
  };
  chosen.show = showChosen;
  return box;
}

function likelyBox(chosen, m) {
  const box = document.getElementById('iq-likely');
  if (!box) return;
  box.replaceChildren();
  if (!m || !m.person) {
    box.append(h('p', { class: 'muted small' }, t('families.no_likely')));
    return;
  }
  const name = soughtName(m.person);
  box.append(h('div', { class: 'likely', id: 'iq-likely-person' },
    h('p', {}, h('strong', {}, t(m.link ? 'families.will_link' : 'families.likely')), ' ',
      h('a', { href: `/persons/${m.person.id}`, target: '_blank', rel: 'noopener' }, name), ' ',
      h('span', { class: 'mono small' }, m.person.id), ' · ', label('statuses', m.person.status), ' · ',
      t('families.prob', { p: Math.round(m.prob * 100) })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'iq-take-likely', onclick: () => {
        Object.assign(chosen, { person: m.person.id, name, newPerson: false });
        chosen.show();
      } }, t('families.this_is_them')),
      h('button', { type: 'button', id: 'iq-someone-else', onclick: () => {
        Object.assign(chosen, { person: null, newPerson: true });
        chosen.show();
      } }, t('families.someone_else')))));
}

function searchBox(ctx, chosen) {
  const finder = personFinder({ id: 'iq-find', text: t('families.find'), hint: t('families.find_hint'), onPick: (p) => {
    Object.assign(chosen, { person: p.id, name: soughtName(p), newPerson: false });
    chosen.show();
  } });
  return finder.el;
}

function consentRows() {
  return h('fieldset', { class: 'consents', id: 'iq-consents' }, h('legend', {}, t('families.consents')),
    h('p', { class: 'muted small' }, t('families.consent_hint')),
    PURPOSES.map((p) => h('div', { class: 'row consent', dataset: { purpose: p } },
      h('label', { class: 'check', for: `iq-c-${p}` }, h('input', { type: 'checkbox', id: `iq-c-${p}`, name: `c-${p}` }),
        ` ${label('purposes', p)}`),
      field(t('families.form'), select(`iq-cf-${p}`, `cf-${p}`, FORMS, 'consent_forms', 'oral', false)),
      field(t('families.date'), input(`iq-cd-${p}`, `cd-${p}`, { value: today(), size: 10, pattern: '\\d{4}-\\d{2}-\\d{2}' })),
      p === 'dna_reference' ? field(t('families.samples'), input('iq-samples', 'samples', { size: 24 })) : null)));
}

async function intake(ctx) {
  const chosen = { person: null, name: '', newPerson: false };
  const msg = h('div', { class: 'messages' });
  const sought = ['surname', 'given_names', 'patronymic'].map((n) => field(t(`fields.${n}`), input(`iq-${n}`, n, { size: 20 })));
  const form = h('form', { class: 'edit intake', id: 'intake', novalidate: true },
    h('fieldset', {}, h('legend', {}, t('families.who_asks')),
      h('div', { class: 'row' }, field(t('families.inquirer'), input('iq-inquirer', 'inquirer', { size: 28 })),
        field(t('families.organisation'), input('iq-organisation', 'organisation', { size: 24 })),
        field(t('families.relation'), select('iq-relation', 'relation', RELATIONS, 'relations'))),
      h('div', { class: 'row' }, field(t('families.phone'), input('iq-phone', 'phone', { type: 'tel', size: 18 })),
        field(t('families.email'), input('iq-email', 'email', { type: 'email', size: 24 })),
        field(t('families.language'), select('iq-language', 'language', LANGS, 'letter_languages'))),
      field(t('families.address'), h('textarea', { id: 'iq-address', name: 'address', rows: 2 }), true)),
    h('fieldset', {}, h('legend', {}, t('families.about_whom')),
      searchBox(ctx, chosen),
      h('div', { class: 'row' }, sought,
        field(t('fields.birth_date'), input('iq-birth_date', 'birth_date', { size: 10, placeholder: t('field_help.date_placeholder') })),
        field(t('fields.sex'), select('iq-sex', 'sex', ['male', 'female'], 'values'))),
      h('div', { id: 'iq-likely', class: 'likely-box', 'aria-live': 'polite' }),
      personPicker(ctx, chosen)),
    h('fieldset', {}, h('legend', {}, t('families.what_known')),
      h('div', { class: 'row' }, field(t('families.last_seen_date'), input('iq-last_seen_date', 'last_seen_date', { size: 10 })),
        field(t('families.last_seen_place'), input('iq-last_seen_place', 'last_seen_place', { size: 24 })),
        field(t('fields.unit'), input('iq-unit', 'unit', { size: 16 })),
        field(t('families.received'), input('iq-received', 'received', { size: 10, value: today() }))),
      field(t('families.circumstances'), h('textarea', { id: 'iq-circumstances', name: 'circumstances', rows: 3 }), true)),
    consentRows(), msg,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'iq-submit' }, t('families.record'))));
  // The engine's likely person, as the names are typed. A look-up reads the
  // whole registry (seconds at a million persons), so one is asked at a
  // time, never twice for the same names (a field's change event repeats
  // its input), and the names typed meanwhile are asked when it answers.
  let timer = null;
  let asked = null;
  let busy = false;
  const current = () => {
    const params = {};
    for (const n of ['surname', 'given_names', 'patronymic', 'birth_date', 'sex']) {
      const v = form.elements[n].value.trim();
      if (v) params[n] = v;
    }
    return params.surname ? query(params) : null;
  };
  const ask = async () => {
    const q = current();
    if (!q) { asked = null; likelyBox(chosen, null); return; }
    if (busy || q === asked) return;
    busy = true;
    asked = q;
    const m = await get(`/api/inquiries/match${q}`).catch(() => null);
    busy = false;
    if (current() === q) likelyBox(chosen, m);
    else ask();
  };
  const lookUp = () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  };
  for (const n of ['surname', 'given_names', 'patronymic', 'birth_date', 'sex']) {
    form.elements[n].addEventListener('input', lookUp);
    form.elements[n].addEventListener('change', lookUp);
  }
  const pre = ctx.query.get('person');
  if (pre) {
    const p = await get(`/api/persons/${pre}`).catch(() => null);
    if (p) Object.assign(chosen, { person: p.id, name: soughtName(p) });
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const body = {};
    for (const n of ['inquirer', 'organisation', 'relation', 'phone', 'email', 'address', 'language', 'surname',
      'given_names', 'patronymic', 'birth_date', 'sex', 'last_seen_date', 'last_seen_place', 'unit', 'received',
      'circumstances']) {
      const v = form.elements[n].value.trim();
      if (v) body[n] = v;
    }
    if (chosen.person) body.person = chosen.person;
    if (chosen.newPerson) body.new_person = true;
    body.consents = PURPOSES.filter((p) => form.elements[`c-${p}`].checked).map((p) => ({
      purpose: p, form: form.elements[`cf-${p}`].value, date: form.elements[`cd-${p}`].value.trim() || undefined,
      samples: p === 'dna_reference' && sampleList(form.elements.samples.value).length
        ? sampleList(form.elements.samples.value) : undefined }));
    try {
      const res = await post('/api/inquiries', body);
      announce(t(res.linked === 'match' ? 'families.recorded_linked' : res.person_created ? 'families.recorded_new'
        : 'families.recorded', { id: res.id, person: res.person }));
      ctx.navigate(`/inquiries/${res.id}`);
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.messageCode === 'family.likely_match' && err.args.person) {
        const m = await get(`/api/inquiries/match${query({ surname: body.surname, given_names: body.given_names,
          patronymic: body.patronymic, birth_date: body.birth_date, sex: body.sex })}`).catch(() => null);
        likelyBox(chosen, m);
        document.getElementById('iq-take-likely')?.focus();
      } else if (err.field) {
        form.querySelector(`[name="${CSS.escape(err.field)}"]`)?.focus();
      }
    }
  });
  const root = h('section', { class: 'intake-page' }, h('h1', {}, t('families.new_title')), subnav(ctx),
    h('p', { class: 'muted' }, t('families.intake_intro')), form);
  chosen.show();
  return root;
}

// ---- one inquiry -------------------------------------------------------------------

function consentHistory(ctx, q) {
  if (!q.consents.length) return h('p', { class: 'muted' }, t('families.no_consent'));
  const when = input('wd-date', 'withdraw_date', { size: 10, value: today() });
  const msg = h('div', {});
  const withdraw = async (purpose) => {
    msg.replaceChildren();
    try {
      const res = await post(`/api/inquiries/${q.id}/withdrawals`, { purpose, date: when.value.trim() || undefined });
      dnaSaid = res.dna ? { id: q.id, dna: res.dna, withheld: true } : null;
      announce(t('families.withdrawn_done', { purpose: label('purposes', purpose) }));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.field === 'date') when.focus();
    }
  };
  const open = q.consents.some((c) => !c.withdrawn) && ctx.can('inquiry_write');
  const said = dnaSaid && dnaSaid.id === q.id ? dnaSaid : null;
  dnaSaid = null;
  const samples = (q.dna_samples || []).length ? h('p', { id: 'dna-samples' }, t('families.dna_samples'), ' ',
    q.dna_samples.map((s, i) => [i ? ', ' : '', h('span', { class: 'mono' }, s.sample),
      s.withheld ? ` (${t('families.dna_sample_withheld')})` : ''])) : null;
  return h('div', {}, said ? dnaChange(said) : null, samples,
    table([t('families.purpose'), t('families.given'), t('families.form'), t('families.withdrawn'), ''],
      q.consents.map((c) => [label('purposes', c.purpose), c.given, label('consent_forms', c.form),
        c.withdrawn ? `${c.withdrawn} (${label('consent_forms', c.withdrawn_form)})` : h('span', { class: 'status iq-open' }, t('families.in_force')),
        !c.withdrawn && ctx.can('inquiry_write') ? h('button', { type: 'button', class: 'small withdraw', dataset: { purpose: c.purpose },
          onclick: () => withdraw(c.purpose) }, t('families.withdraw')) : '']), { class: 'consent-history', id: 'consent-history' }),
    open ? field(t('families.withdraw_date'), when) : null, msg);
}

// A DNA sample the inquirer gave later, named while the DNA consent stands;
// refused, with the server's reason, when it does not.
function sampleForm(ctx, q) {
  const msg = h('div', { id: 'sample-msg' });
  const samples = input('sm-samples', 'samples', { size: 24, 'aria-describedby': 'sample-hint' });
  const stands = q.consents.some((c) => c.purpose === 'dna_reference' && !c.withdrawn);
  const form = h('form', { class: 'group', id: 'sample-form' }, h('h3', {}, t('families.sample_title')),
    h('p', { class: 'muted small', id: 'sample-hint' }, t(stands ? 'families.sample_hint' : 'families.sample_no_consent')),
    h('div', { class: 'row' }, field(t('families.samples'), samples)), msg,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'sm-submit' }, t('families.sample_submit'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const list = sampleList(samples.value);
    if (!list.length) {
      msg.append(notice('error', t('families.sample_needed')));
      samples.focus();
      return;
    }
    try {
      await post(`/api/inquiries/${q.id}/samples`, { samples: list });
      announce(t('families.sample_done', { samples: list.join(', ') }));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
      samples.focus();
    }
  });
  return form;
}

function giveForm(ctx, q) {
  const msg = h('div', {});
  const purpose = select('cg-purpose', 'purpose', PURPOSES, 'purposes', null, false);
  const form = h('form', { class: 'group', id: 'consent-form' }, h('h3', {}, t('families.give')),
    h('div', { class: 'row' }, field(t('families.purpose'), purpose),
      field(t('families.form'), select('cg-form', 'form', FORMS, 'consent_forms', 'oral', false)),
      field(t('families.date'), input('cg-date', 'date', { size: 10, value: today() })),
      field(t('families.samples'), input('cg-samples', 'samples', { size: 24 }))), msg,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('families.give'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    try {
      const samples = sampleList(form.elements.samples.value);
      const res = await post(`/api/inquiries/${q.id}/consents`, { purpose: purpose.value, form: form.elements.form.value,
        date: form.elements.date.value.trim() || undefined, samples: samples.length ? samples : undefined });
      dnaSaid = res.dna ? { id: q.id, dna: res.dna, withheld: false } : null;
      announce(t('families.given_done', { purpose: label('purposes', purpose.value) }));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  });
  return form;
}

function statusForm(ctx, q) {
  if (q.status === 'closed') return null;
  const msg = h('div', {});
  const reason = input('st-reason', 'reason', { size: 40 });
  const send = async (status) => {
    msg.replaceChildren();
    try {
      await post(`/api/inquiries/${q.id}/status`, { status, reason: reason.value.trim() || undefined });
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.field === 'reason') reason.focus();
    }
  };
  return h('div', { class: 'group', id: 'status-form' }, h('h3', {}, t('families.status')),
    field(t('families.reason'), reason, true), msg,
    h('div', { class: 'actions' },
      q.status === 'open' ? h('button', { type: 'button', id: 'st-answered', onclick: () => send('answered') }, t('families.mark_answered')) : null,
      h('button', { type: 'button', class: 'danger', id: 'st-close', onclick: () => send('closed') }, t('families.close'))));
}

async function one(ctx) {
  const q = await get(`/api/inquiries/${ctx.params[0]}`);
  const facts = [
    [t('families.inquirer'), q.inquirer], [t('families.organisation'), q.organisation],
    [t('families.relation'), q.relation ? label('relations', q.relation) : null],
    [t('families.language'), q.language ? label('letter_languages', q.language) : null],
    [t('families.phone'), q.phone], [t('families.email'), q.email], [t('families.address'), q.address],
    [t('families.received'), q.received], [t('families.last_seen_date'), q.last_seen_date],
    [t('families.last_seen_place'), q.last_seen_place], [t('fields.unit'), q.unit],
    [t('families.circumstances'), q.circumstances], [t('fields.note'), q.note], [t('families.ref'), q.ref],
  ].filter(([, v]) => v);
  const said = [q.surname, q.given_names, q.patronymic].filter(Boolean).join(' ');
  return h('section', { class: 'inquiry' }, h('h1', {}, t('families.one_title', { id: q.id })), subnav(ctx),
    h('p', {}, statusBadge(q.status), q.close_reason ? ` ${t('families.reason')}: ${q.close_reason}` : ''),
    h('div', { class: 'cols' },
      h('section', { class: 'group' }, h('h2', {}, t('families.who_asks')),
        h('dl', {}, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
        q.contacts_withheld ? h('p', { class: 'muted small', id: 'contacts-withheld' }, t('families.contacts_withheld')) : null),
      h('section', { class: 'group' }, h('h2', {}, t('families.about_whom')),
        q.sought ? h('p', {}, h('a', { href: `/persons/${q.sought.id}`, id: 'sought-link' }, soughtName(q.sought)), ' · ',
          label('statuses', q.sought.status)) : null,
        said ? h('p', { class: 'muted small' }, t('families.as_said', { name: said })) : null,
        h('p', { class: 'small' }, t(`families.linked_${q.linked}`, { p: q.link_prob ? Math.round(q.link_prob * 100) : 0 })),
        q.other_inquiries.length ? h('p', {}, t('families.others'), ' ',
          q.other_inquiries.map((o, i) => [i ? ', ' : '', h('a', { href: `/inquiries/${o}`, class: 'mono' }, o)])) : null)),
    h('section', { class: 'group' }, h('h2', {}, t('families.consents')), consentHistory(ctx, q)),
    ctx.can('inquiry_write') ? [giveForm(ctx, q), sampleForm(ctx, q), statusForm(ctx, q)] : null,
    ctx.can('inquiry_contacts') ? await (await import('./letters.js')).letterSection(ctx, q) : null);
}

// ---- the Family tab of a person's page ------------------------------------------------

export async function familyTab(ctx, personId) {
  const page = await get(`/api/inquiries${query({ person: personId, limit: PAGE })}`);
  let am = null;
  if (ctx.can('antemortem_read')) {
    const { antemortemSection } = await import('./antemortem.js');
    am = await antemortemSection(ctx, personId);
  }
  return h('div', { class: 'family-tab', id: 'family-tab' },
    h('p', { class: 'summary' }, t('families.count', { n: number(page.total), c: page.total })),
    inquiriesTable(ctx, page.inquiries, false),
    ctx.can('inquiry_write') ? h('p', {}, h('a', { href: `/inquiries/new${query({ person: personId })}`, class: 'button',
      id: 'family-new-inquiry' }, t('families.new_about'))) : null, am);
}

export async function render(ctx) {
  if (ctx.args.create) return intake(ctx);
  if (ctx.params[0]) return one(ctx);
  return list(ctx);
}
