// Returnees' testimonies (docs/families.md, "Testimonies"): the intake (a
// returnee found as one types, several sightings in one form), a file of
// testimonies imported (all or nothing, each problem at its line and
// column), the review queue (each said name beside the engine's
// candidates, accepted, rejected or not in the registry), one testimony,
// and the proof-of-captivity report, printable.
import { get, post, query } from '../api.js';
import { h, notice, table, field, announce } from '../dom.js';
import { t, label, message, number } from '../i18n.js';
import { personName, personLine, personFinder } from './search.js';
import { csvImportForm } from './import.js';

const SIGHTING = ['surname', 'given_names', 'patronymic', 'nickname', 'rank', 'unit', 'place', 'date', 'condition', 'note'];
const CONDITIONS = ['unknown', 'alive', 'wounded', 'ill', 'dead'];
const CONFIDENCE = ['high', 'medium', 'low'];

function said(s) {
  const parts = [s.surname, s.given_names, s.patronymic].filter(Boolean).join(' ');
  return [parts, s.nickname ? `«${s.nickname}»` : '', s.rank || '', s.unit ? `(${s.unit})` : '']
    .filter(Boolean).join(' ');
}

function seen(s) {
  return t('testimony.seen_line', { place: s.place || '?', date: s.date || '?', condition: label('conditions', s.condition) });
}

const who = personLine;

// ---- the intake ------------------------------------------------------------

function sightingRow(i) {
  const input = (name) => name === 'condition'
    ? h('select', { name, id: `ts-${i}-${name}` }, CONDITIONS.map((c) => h('option', { value: c }, label('conditions', c))))
    : h('input', { name, id: `ts-${i}-${name}`, size: name === 'note' ? 30 : 14,
      placeholder: name === 'date' ? 'YYYY-MM' : null });
  return h('fieldset', { class: 'sighting', 'data-row': i },
    h('legend', {}, t('testimony.sighting_n', { n: i + 1 })),
    SIGHTING.map((name) => field(t(`testimony.f_${name}`), input(name), name === 'note')));
}

// The returnee: found by name (any script) or id as one types; the one
// chosen shown with their birth date and id, until another is chosen.
function returneePicker(chosen, next, msg) {
  const shown = h('div', { id: 'ts-returnee-box', 'aria-live': 'polite' });
  const finder = personFinder({ id: 'ts-returnee-find', text: t('testimony.returnee_find'), hint: t('testimony.returnee_hint'),
    onPick: (p) => pick(p) });
  function pick(p) {
    chosen.person = p;
    msg.replaceChildren();
    finder.reset();
    finder.el.hidden = true;
    shown.replaceChildren(h('p', { class: 'notice success', id: 'ts-returnee-chosen', 'data-id': p.id },
      t('testimony.returnee_chosen', { name: personName(p).main, born: p.birth_date || t('testimony.born_unknown'), id: p.id }), ' ',
      h('button', { type: 'button', class: 'link-like', id: 'ts-returnee-change', onclick: () => {
        chosen.person = null;
        shown.replaceChildren();
        finder.el.hidden = false;
        finder.box.focus();
      } }, t('testimony.returnee_change'))));
    next.focus();
  }
  return { el: h('div', { class: 'returnee' }, finder.el, shown), pick, focus: () => finder.box.focus() };
}

async function intake(ctx) {
  const msg = h('div', { id: 'ts-msg' });
  const rows = h('div', { id: 'ts-sightings' }, sightingRow(0));
  const inp = (id, extra) => h('input', { id, name: id, ...(extra || {}) });
  const chosen = { person: null };
  const takenOn = inp('ts-taken_on', { size: 10, placeholder: 'YYYY-MM-DD' });
  const takenBy = inp('ts-taken_by', { size: 20 });
  const takenAt = inp('ts-taken_at', { size: 20 });
  const returnee = returneePicker(chosen, takenOn, msg);
  const add = h('button', { type: 'button', id: 'ts-add', onclick: () => rows.append(sightingRow(rows.children.length)) },
    t('testimony.add_sighting'));
  const form = h('form', { id: 'testimony-intake', class: 'intake', onsubmit: async (e) => {
    e.preventDefault();
    msg.replaceChildren();
    const sightings = [...rows.children].map((fs) => {
      const o = {};
      for (const name of SIGHTING) {
        const v = fs.querySelector(`[name="${name}"]`).value.trim();
        if (v && !(name === 'condition' && v === 'unknown')) o[name] = v;
      }
      return o;
    }).filter((o) => Object.keys(o).length);
    if (!chosen.person) {
      msg.append(notice('error', t('testimony.returnee_needed')));
      returnee.focus();
      return;
    }
    const body = { returnee: chosen.person.id, taken_on: takenOn.value.trim(), sightings };
    if (takenBy.value.trim()) body.taken_by = takenBy.value.trim();
    if (takenAt.value.trim()) body.taken_at = takenAt.value.trim();
    try {
      const r = await post('/api/testimonies', body);
      announce(t('testimony.recorded'));
      ctx.navigate(`/testimonies/${r.id}`);
    } catch (err) {
      msg.append(notice('error', err.message));
      if (err.field === 'returnee') returnee.focus();
    }
  } },
  h('p', { class: 'muted' }, t('testimony.intake_intro')),
  returnee.el, field(t('testimony.taken_on'), takenOn),
  field(t('testimony.taken_by'), takenBy), field(t('testimony.taken_at'), takenAt),
  rows, h('div', { class: 'actions' }, add,
    h('button', { type: 'submit', class: 'primary', id: 'ts-submit' }, t('testimony.submit'))), msg);
  // From a person's page: the returnee already chosen.
  const pre = ctx.query.get('returnee');
  if (pre) {
    const p = await get(`/api/persons/${encodeURIComponent(pre)}`).catch(() => null);
    if (p) returnee.pick(p);
    else msg.append(notice('error', t('testimony.returnee_unknown', { id: pre })));
  }
  return h('section', { class: 'testimony-page' }, h('h1', {}, t('testimony.new_title')), form);
}

// ---- a file of testimonies ----------------------------------------------------

// What an import did: the counts, then each testimony of the file with a
// link to it (its sightings, their candidates, the decisions to make).
function imported(r) {
  const keys = ['rows', 'created', 'skipped', 'sightings', 'with_candidates'];
  return h('div', { id: 'ts-import-done' },
    notice('success', t(r.created ? 'testimony.import_done' : 'testimony.import_nothing_new')),
    h('dl', { class: 'report', id: 'ts-import-report' },
      keys.map((k) => [h('dt', {}, t(`testimony.import_${k}`)), h('dd', { 'data-key': k }, number(r[k]))])),
    table([t('testimony.import_ref'), t('testimony.id'), t('testimony.sightings'), t('testimony.import_with'), ''],
      r.testimonies.map((x) => [x.ref, h('a', { href: `/testimonies/${x.id}`, class: 'mono' }, x.id),
        x.skipped ? '—' : number(x.sightings), x.skipped ? '—' : number(x.with_candidates),
        x.skipped ? t('testimony.import_was_there') : t('testimony.import_new')]),
      { id: 'ts-import-list' }, (i) => ({ 'data-ref': r.testimonies[i].ref, 'data-skipped': String(r.testimonies[i].skipped) })),
    r.created ? h('p', {}, h('a', { href: '/testimonies/review', class: 'btn', id: 'ts-import-review' }, t('testimony.import_to_review'))) : null);
}

// The file's columns (src/family/testimony_import.c).
const IMPORT_COLUMNS = ['ref', 'returnee', 'taken_on', 'taken_by', 'taken_at', 'testimony_note'].concat(SIGHTING);

const importForm = (after) => csvImportForm('ts', '/api/testimonies/import', IMPORT_COLUMNS,
  (k) => t(`testimony.import_${k}`), imported, after);

// ---- a sighting beside its candidates ---------------------------------------

function decide(ctx, s) {
  const msg = h('div', {});
  const conf = h('select', { id: `conf-${s.id}`, name: 'confidence' },
    CONFIDENCE.map((c) => h('option', { value: c }, label('confidence', c))));
  const note = h('input', { id: `note-${s.id}`, name: 'note', size: 30 });
  const send = async (path, body) => {
    msg.replaceChildren();
    try {
      await post(`/api/sightings/${s.id}/${path}`, body);
      announce(t(path === 'accept' ? 'testimony.accepted' : 'testimony.rejected'));
      await ctx.reload();
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  };
  const accept = (id) => send('accept', { person: id, confidence: conf.value, note: note.value.trim() || undefined });
  const cand = s.candidates.length
    ? table([t('testimony.prob'), t('testimony.candidate'), t('testimony.born'), t('testimony.unit'),
      t('testimony.captured_at'), t('testimony.held_at'), ''],
    s.candidates.map((c) => [c.prob.toFixed(2), h('a', { href: `/persons/${c.id}` }, personName(c).main),
      c.birth_date || '—', c.unit || '—', c.capture_place || '—', c.detention_place || '—',
      ctx.can('testimony_write') ? h('button', { type: 'button', class: 'accept', 'data-person': c.id,
        id: `accept-${s.id}-${c.id}`, onclick: () => accept(c.id) }, t('testimony.accept')) : null]),
    { class: 'candidates' })
    : notice('info', t('testimony.no_candidates', { why: message(s.why_none, {}) || '' }));
  // Someone the engine did not propose: found as one types, then accepted.
  let other = null;
  const otherShown = h('p', { class: 'small', id: `other-chosen-${s.id}`, 'aria-live': 'polite' });
  const finder = personFinder({ id: `other-${s.id}`, text: t('testimony.other_person'), hint: t('testimony.returnee_hint'),
    onPick: (p) => {
      other = p;
      finder.reset();
      otherShown.textContent = t('testimony.other_chosen', { name: personLine(p), id: p.id });
      document.getElementById(`accept-other-${s.id}`).focus();
    } });
  const acceptOther = () => {
    if (other) return accept(other.id);
    msg.replaceChildren(notice('error', t('testimony.other_needed')));
    finder.box.focus();
    return null;
  };
  const controls = ctx.can('testimony_write') ? h('div', { class: 'decide' },
    field(t('testimony.confidence'), conf), field(t('testimony.note'), note, true),
    finder.el, otherShown,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: `accept-other-${s.id}`, onclick: acceptOther }, t('testimony.accept_other')),
      h('button', { type: 'button', id: `reject-${s.id}`, onclick: () => send('reject', { note: note.value.trim() }) }, t('testimony.reject')),
      h('button', { type: 'button', id: `absent-${s.id}`, onclick: () => send('reject', { not_in_registry: true, note: note.value.trim() || undefined }) },
        t('testimony.not_in_registry'))), msg) : null;
  return [cand, controls];
}

function sightingCard(ctx, s) {
  const head = h('p', { class: 'said' }, h('strong', { class: 'said-name' }, said(s) || '—'), ' · ', seen(s), ' · ',
    h('span', { class: `status sighting-${s.status}` }, label('sighting_statuses', s.status)));
  const from = s.returnee ? h('p', { class: 'muted small' }, t('testimony.from', { returnee: who(s.returnee), taken: s.taken_on || '' }), ' · ',
    h('a', { href: `/testimonies/${s.testimony}`, class: 'mono' }, s.testimony)) : null;
  let body;
  if (s.status === 'accepted') {
    body = h('p', { class: 'decided' }, t('testimony.accepted_as', { confidence: label('confidence', s.confidence) }), ' ',
      h('a', { href: `/persons/${s.person.id}` }, who(s.person)));
  } else if (s.status !== 'review') {
    body = h('p', { class: 'decided' }, label('sighting_statuses', s.status), s.decision_note ? `: ${s.decision_note}` : '');
  } else {
    body = decide(ctx, s);
  }
  return h('article', { class: 'sighting-card', 'data-sighting': s.id, 'data-status': s.status }, head, from, body);
}

async function review(ctx) {
  const page = await get(`/api/sightings${query({ limit: 50 })}`);
  return h('section', { class: 'testimony-page' }, h('h1', {}, t('testimony.review_title')),
    h('p', { class: 'muted' }, t('testimony.review_intro')),
    h('p', { class: 'summary' }, h('strong', { id: 'review-count' }, t('testimony.in_review', { n: number(page.total), c: page.total }))),
    page.rows.length ? h('div', { id: 'review-queue' }, page.rows.map((s) => sightingCard(ctx, s)))
      : notice('info', t('testimony.queue_empty')));
}

async function one(ctx, id) {
  const tm = await get(`/api/testimonies/${id}`);
  return h('section', { class: 'testimony-page', id: 'testimony', 'data-testimony': tm.id },
    h('h1', {}, t('testimony.title_of', { returnee: who(tm.returnee) })),
    h('p', {}, t('testimony.taken', { date: tm.taken_on, by: tm.taken_by || '—', at: tm.taken_at || '—' })),
    tm.sightings.map((s) => sightingCard(ctx, { ...s, returnee: null })));
}

async function list(ctx) {
  const shown = h('div', { id: 'testimonies-list' });
  // The newest rows, again after an import added some.
  const fill = async () => {
    const page = await get(`/api/testimonies${query({ limit: 50 })}`);
    shown.replaceChildren(page.rows.length
      ? table([t('testimony.id'), t('testimony.taken_on'), t('testimony.returnee'), t('testimony.sightings'), t('testimony.open')],
        page.rows.map((r) => [h('a', { href: `/testimonies/${r.id}`, class: 'mono' }, r.id), r.taken_on, who(r.returnee),
          number(r.sightings_count), number(r.in_review)]), { id: 'testimonies' })
      : notice('info', t('testimony.none')));
  };
  await fill();
  return h('section', { class: 'testimony-page' }, h('h1', {}, t('testimony.title')),
    h('p', { class: 'actions' },
      ctx.can('testimony_write') ? h('a', { href: '/testimonies/new', id: 'new-testimony-link', class: 'btn primary' }, t('testimony.new_title')) : null, ' ',
      h('a', { href: '/testimonies/review', id: 'review-link', class: 'btn' }, t('testimony.review_title')), ' ',
      h('a', { href: '/proof', id: 'proof-link', class: 'btn' }, t('proof.title'))),
    shown, ctx.can('testimony_write') ? importForm(fill) : null);
}

// ---- the proof-of-captivity report --------------------------------------------

async function proof() {
  const r = await get('/api/proof-of-captivity');
  const evidence = (e) => (e.testimony
    ? t('proof.by_testimony', { date: e.date, place: e.place || '?', condition: label('conditions', e.testimony.condition),
      testimony: e.testimony.id, returnee: e.testimony.returnee_name || e.testimony.returnee, taken: e.testimony.taken_on,
      said: e.testimony.said || '', confidence: label('confidence', e.testimony.confidence) })
    : t('proof.by_event', { type: label('events', e.type), date: e.date, place: e.place || '?', source: label('values', e.source) }));
  return h('section', { class: 'proof-page', id: 'proof' },
    h('h1', {}, t('proof.title')),
    h('p', { class: 'muted' }, t('proof.intro')),
    h('p', { class: 'actions no-print' },
      h('button', { type: 'button', id: 'proof-print', onclick: () => window.print() }, t('proof.print')), ' ',
      h('a', { href: '/api/proof-of-captivity?format=csv', download: 'proof-of-captivity.csv', id: 'proof-csv' }, 'CSV'), ' ',
      h('a', { href: '/api/proof-of-captivity', download: 'proof-of-captivity.json', id: 'proof-json' }, 'JSON')),
    h('p', { class: 'summary' }, h('strong', { id: 'proof-count' }, t('proof.count', { n: number(r.persons), c: r.persons })),
      ' · ', t('proof.made', { at: r.made_at.slice(0, 16).replace('T', ' '), by: r.made_by })),
    table([t('proof.person'), t('testimony.born'), t('proof.status'), t('proof.evidence')],
      r.rows.map((x) => [h('a', { href: `/persons/${x.person.id}` }, personName(x.person).main), x.person.birth_date || '—',
        label('statuses', x.person.status), h('ul', {}, x.evidence.map((e) => h('li', {}, evidence(e))))]),
      { id: 'proof-table' }, (i) => ({ 'data-person': r.rows[i].person.id })));
}

export async function render(ctx) {
  const a = ctx.args || {};
  if (a.proof) return proof(ctx);
  if (a.create) return intake(ctx);
  if (a.review) return review(ctx);
  if (ctx.params && ctx.params[0]) return one(ctx, ctx.params[0]);
  return list(ctx);
}
