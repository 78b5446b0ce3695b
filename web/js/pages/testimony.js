// Returnees' testimonies (docs/families.md, "Testimonies"): the intake (a
// returnee, several sightings in one form), the review queue (each said
// name beside the engine's candidates, accepted, rejected or not in the
// registry), one testimony, and the proof-of-captivity report, printable.
import { get, post, query } from '../api.js';
import { h, notice, table, field, announce } from '../dom.js';
import { t, label, message, number } from '../i18n.js';
import { personName } from './search.js';

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

function who(p) {
  const n = personName(p);
  return [n.main, p.birth_date ? ` · ${p.birth_date}` : ''].join('');
}

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

function intake(ctx) {
  const msg = h('div', { id: 'ts-msg' });
  const rows = h('div', { id: 'ts-sightings' }, sightingRow(0));
  const inp = (id, extra) => h('input', { id, name: id, ...(extra || {}) });
  const returnee = inp('ts-returnee', { size: 20, placeholder: 'P…' });
  const takenOn = inp('ts-taken_on', { size: 10, placeholder: 'YYYY-MM-DD' });
  const takenBy = inp('ts-taken_by', { size: 20 });
  const takenAt = inp('ts-taken_at', { size: 20 });
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
    const body = { returnee: returnee.value.trim(), taken_on: takenOn.value.trim(), sightings };
    if (takenBy.value.trim()) body.taken_by = takenBy.value.trim();
    if (takenAt.value.trim()) body.taken_at = takenAt.value.trim();
    try {
      const r = await post('/api/testimonies', body);
      announce(t('testimony.recorded'));
      ctx.navigate(`/testimonies/${r.id}`);
    } catch (err) {
      msg.append(notice('error', err.message));
    }
  } },
  h('p', { class: 'muted' }, t('testimony.intake_intro')),
  field(t('testimony.returnee'), returnee), field(t('testimony.taken_on'), takenOn),
  field(t('testimony.taken_by'), takenBy), field(t('testimony.taken_at'), takenAt),
  rows, h('div', { class: 'actions' }, add,
    h('button', { type: 'submit', class: 'primary', id: 'ts-submit' }, t('testimony.submit'))), msg);
  return h('section', { class: 'testimony-page' }, h('h1', {}, t('testimony.new_title')), form);
}

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
  const other = h('input', { id: `other-${s.id}`, size: 20, placeholder: 'P…' });
  const controls = ctx.can('testimony_write') ? h('div', { class: 'decide' },
    field(t('testimony.confidence'), conf), field(t('testimony.note'), note, true),
    field(t('testimony.other_person'), other),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: `accept-other-${s.id}`, onclick: () => accept(other.value.trim()) }, t('testimony.accept_other')),
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
  const page = await get(`/api/testimonies${query({ limit: 50 })}`);
  return h('section', { class: 'testimony-page' }, h('h1', {}, t('testimony.title')),
    h('p', { class: 'actions' },
      ctx.can('testimony_write') ? h('a', { href: '/testimonies/new', id: 'new-testimony-link', class: 'btn primary' }, t('testimony.new_title')) : null, ' ',
      h('a', { href: '/testimonies/review', id: 'review-link', class: 'btn' }, t('testimony.review_title')), ' ',
      h('a', { href: '/proof', id: 'proof-link', class: 'btn' }, t('proof.title'))),
    page.rows.length ? table([t('testimony.id'), t('testimony.taken_on'), t('testimony.returnee'), t('testimony.sightings'), t('testimony.open')],
      page.rows.map((r) => [h('a', { href: `/testimonies/${r.id}`, class: 'mono' }, r.id), r.taken_on, who(r.returnee),
        number(r.sightings_count), number(r.in_review)]), { id: 'testimonies' })
      : notice('info', t('testimony.none')));
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
